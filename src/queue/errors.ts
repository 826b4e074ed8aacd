/** Stable codes of queue errors. */
export type QueueErrorCode =
  | 'queue-unavailable'
  | 'redis-policy'
  | 'redis-policy-unknown'
  | 'redis-persistence'
  | 'redis-persistence-unknown'
  | 'bad-job-data';

/**
 * Redis cannot take the job (down, unreachable, too slow). Carries `status = 503`: the Octokit
 * webhooks middleware answers with an error's `status`, so GitHub shows the delivery as failed
 * and it can be redelivered.
 */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  readonly code: QueueErrorCode = 'queue-unavailable';
  readonly status = 503;
}

/** Redis would evict keys or keeps no append-only file (or will not say): BullMQ would lose jobs. */
export class RedisPolicyError extends Error {
  override readonly name = 'RedisPolicyError';
  readonly code: QueueErrorCode;

  constructor(
    code: 'redis-policy' | 'redis-policy-unknown' | 'redis-persistence' | 'redis-persistence-unknown',
    message: string,
  ) {
    super(message);
    this.code = code;
  }
}

/** Job data that does not match its schema, or holds something key-shaped. Never echoes values. */
export class JobDataError extends Error {
  override readonly name = 'JobDataError';
  readonly code: QueueErrorCode = 'bad-job-data';
  /** Answered 400 when it stops a webhook: the same payload will never make a valid job. */
  readonly status = 400;
}
