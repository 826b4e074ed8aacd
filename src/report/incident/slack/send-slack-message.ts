import { IncomingWebhook, IncomingWebhookHTTPError } from '@slack/webhook';
import { ReportRefused } from '../../notify/notify-wait.js';

/** A Slack answer or failure, without the webhook URL (a secret). */
export class SlackDeliveryError extends Error {
  override readonly name = 'SlackDeliveryError';

  constructor(
    message: string,
    readonly status: number | undefined,
    /** Slack's `Retry-After`, for a 429. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/** How long a Slack request may take. */
export const SLACK_TIMEOUT_MS = 10_000;

/**
 * Posts a message to a Slack incoming webhook with `@slack/webhook` (its own retries off: the
 * notify queue retries, honouring `Retry-After`). 429, 5xx and network failures throw
 * `SlackDeliveryError` (retried); an answer that will not change (404 `no_service`, 410
 * `channel_is_archived`, 400, 403) throws `ReportRefused`. No error names the URL.
 */
export async function sendSlackMessage(
  webhookUrl: string,
  message: { readonly text: string; readonly blocks: readonly unknown[] },
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  let retryAfter: string | null = null;
  const webhook = new IncomingWebhook(webhookUrl, {
    timeout: SLACK_TIMEOUT_MS,
    retryConfig: { retries: 0 },
    // The library reports the status and body only; Retry-After is read here.
    fetch: async (input, init) => {
      const response = await fetchImpl(input, init);
      retryAfter = response.headers.get('retry-after');
      return response;
    },
  });
  try {
    await webhook.send({ text: message.text, blocks: [...message.blocks] as never });
  } catch (error) {
    if (error instanceof IncomingWebhookHTTPError) {
      const answer = `Slack answered ${error.statusCode} ${slackCode(error.body)}`.trim();
      if (error.statusCode === 429 || error.statusCode >= 500) {
        const seconds = Number(retryAfter);
        throw new SlackDeliveryError(
          answer,
          error.statusCode,
          Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : undefined,
        );
      }
      throw new ReportRefused(
        `${answer}: the webhook is gone, archived or refuses the message; check the route's webhook URL`,
      );
    }
    throw new SlackDeliveryError(
      'Slack could not be reached (network error or timeout)',
      undefined,
      undefined,
    );
  }
}

/** Slack's one-word error code from an answer body (never echoes more than the code). */
function slackCode(body: string): string {
  const code = body.trim().slice(0, 40);
  return /^[a-z_]+$/.test(code) ? `(${code})` : '';
}
