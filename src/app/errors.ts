/** A webhook whose payload lacks what rootguard needs. Answered 400: redelivering won't help. */
export class WebhookInputError extends Error {
  override readonly name = 'WebhookInputError';
  readonly code = 'webhook-input';
  /** The Octokit webhooks middleware answers with an error's `status`. */
  readonly status = 400;
}
