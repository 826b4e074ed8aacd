/** Stable codes of `SinkError`. */
export type SinkErrorCode =
  /** GitHub answered 5xx, or the request failed on the network: the queue retries. */
  | 'github-unavailable'
  /** GitHub refused (403): the App lacks the permission the message names. */
  | 'permission-missing'
  /** Any other answer the sink cannot use. */
  | 'unexpected-answer';

/**
 * The error of `src/sinks`. Messages name the target, the status and what to do; never a key,
 * a ciphertext or a token.
 */
export class SinkError extends Error {
  override readonly name = 'SinkError';

  constructor(
    readonly code: SinkErrorCode,
    message: string,
    /** GitHub's HTTP status, when there was an answer. */
    readonly status?: number,
    /** How long GitHub asked to wait (a rate limit), when it did. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
