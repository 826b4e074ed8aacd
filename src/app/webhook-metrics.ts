/**
 * What the receiver counts (the runtime passes `src/observe`'s metrics): each webhook request's
 * answer. `event` is GitHub's `X-GitHub-Event` header as sent (the metrics keep only known names).
 */
export interface WebhookMetrics {
  webhookAnswered(event: string | undefined, status: number, seconds: number): void;
}
