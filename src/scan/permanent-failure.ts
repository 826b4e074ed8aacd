/**
 * GitHub answers that retrying cannot change: the repository, commit or installation is gone
 * (404, 410) or the request can never be valid (422). Rate limits (403/429) and server errors
 * are not here: Probot's plugins and the queue's backoff retry those.
 */
const PERMANENT_STATUSES = new Set([404, 410, 422]);

/** True when an error is a GitHub answer that no retry will change. */
export function isPermanentFailure(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && PERMANENT_STATUSES.has(status);
}
