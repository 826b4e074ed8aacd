/** Stable codes of the errors the Unkey adapter throws. */
export type UnkeyErrorCode =
  // retryable
  | 'server-error'
  | 'rate-limited'
  | 'network-error'
  | 'timeout'
  // final
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'request-rejected'
  | 'invalid-request'
  | 'route-unavailable'
  | 'unreadable-response';

/** What an error knows about the answer that caused it (all optional: a network error has none). */
export interface UnkeyErrorDetails {
  /** The HTTP status of Unkey's answer. */
  readonly status?: number;
  /** The `error.type` of Unkey's error envelope, e.g. `https://unkey.com/docs/errors/unkey/data/key_not_found`. */
  readonly unkeyType?: string;
  /** The `meta.requestId` of Unkey's answer, for Unkey's support. */
  readonly requestId?: string;
  /** How long Unkey asked us to wait (429 `Retry-After`). */
  readonly retryAfterMs?: number;
}

/**
 * The base of every error of src/unkey. Messages never hold key material: no request body, no
 * bearer, no `key` field of an answer; Unkey's own error detail passes `maskSecrets` first.
 */
export class UnkeyError extends Error {
  override readonly name: string = 'UnkeyError';
  readonly status?: number;
  readonly unkeyType?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: UnkeyErrorCode,
    /** The Unkey operation, e.g. `keys.rerollKey`. */
    readonly operation: string,
    /** Whether the same call may succeed later (the queue retries it), or never will. */
    readonly retryable: boolean,
    message: string,
    details: UnkeyErrorDetails = {},
  ) {
    super(message);
    if (details.status !== undefined) this.status = details.status;
    if (details.unkeyType !== undefined) this.unkeyType = details.unkeyType;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** A failure that may pass: 5xx, 429 (with `retryAfterMs` when Unkey sent `Retry-After`), network, timeout. */
export class UnkeyRetryableError extends UnkeyError {
  override readonly name = 'UnkeyRetryableError';

  constructor(
    code: 'server-error' | 'rate-limited' | 'network-error' | 'timeout',
    operation: string,
    message: string,
    details: UnkeyErrorDetails = {},
  ) {
    super(code, operation, true, message, details);
  }
}

/** Unkey refused the request (400, 401, 403, 404, other 4xx), or it could not be sent as asked. Final. */
export class UnkeyRequestError extends UnkeyError {
  override readonly name = 'UnkeyRequestError';

  constructor(
    code: 'bad-request' | 'unauthorized' | 'forbidden' | 'not-found' | 'request-rejected' | 'invalid-request',
    operation: string,
    message: string,
    details: UnkeyErrorDetails = {},
  ) {
    super(code, operation, false, message, details);
  }
}

/**
 * The route itself does not exist on this Unkey server (an upcoming endpoint not deployed there).
 * An expected outcome: the playbook takes the assisted path.
 */
export class RouteUnavailableError extends UnkeyError {
  override readonly name = 'RouteUnavailableError';

  constructor(operation: string, message: string, details: UnkeyErrorDetails = {}) {
    super('route-unavailable', operation, false, message, details);
  }
}

/** An answer we cannot read (not JSON, or not the shape the contract promises). Final. */
export class UnkeyResponseError extends UnkeyError {
  override readonly name = 'UnkeyResponseError';

  constructor(operation: string, message: string, details: UnkeyErrorDetails = {}) {
    super('unreadable-response', operation, false, message, details);
  }
}
