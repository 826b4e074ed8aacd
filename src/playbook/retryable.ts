import { rateLimitWaitMs } from '../github/github-answer.js';
import { IncidentError } from '../incidents/errors.js';
import { SinkError } from '../sinks/errors.js';
import { UnkeyError } from '../unkey/errors.js';
import { PlaybookError } from './errors.js';

/**
 * Whether the queue should try again: Unkey says so (5xx, 429, network), GitHub answered 5xx,
 * 429 or 408, or nothing answered at all. A refused record or a missing incident never heals.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof UnkeyError) return error.retryable;
  // A secondary rate limit arrives as a 403 yet passes; the sinks say which it was.
  if (error instanceof SinkError) return error.code === 'github-unavailable';
  if (error instanceof IncidentError || error instanceof PlaybookError) return false;
  const status = (error as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number') return status >= 500 || status === 429 || status === 408;
  return true;
}

/**
 * How long the error asks us to wait before trying again (Unkey's `Retry-After`, GitHub's rate
 * limit, or the playbook's GitHub lane while it is held), if it says.
 */
export function retryAfterMs(error: unknown): number | undefined {
  if (error instanceof UnkeyError) return error.retryAfterMs;
  if (error instanceof SinkError) return error.retryAfterMs;
  return rateLimitWaitMs(error);
}
