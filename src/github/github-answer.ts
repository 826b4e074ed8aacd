// What an Octokit error says, read without trusting its shape (network errors have no response).

/** The HTTP status of an Octokit RequestError; undefined for errors without one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's `message` from the error body, shortened; undefined when there is none. */
export function githubMessage(error: unknown): string | undefined {
  const message = (error as { response?: { data?: { message?: unknown } } } | null)?.response?.data?.message;
  return typeof message === 'string' && message !== '' ? message.slice(0, 200) : undefined;
}

/** A 403 or 429 that is a (secondary) rate limit: wait and retry, not a missing permission. */
export function isRateLimit(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 429) return true;
  if (status !== 403) return false;
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  return (
    headers['retry-after'] !== undefined ||
    headers['x-ratelimit-remaining'] === '0' ||
    /rate limit/i.test(githubMessage(error) ?? '')
  );
}

/**
 * How long a rate-limited answer asks us to wait, in ms: `Retry-After` (seconds), else until
 * `x-ratelimit-reset` (epoch seconds) when the quota is spent, else a minute (GitHub's advice for
 * a secondary limit without a header). Undefined when the error is no rate limit.
 */
export function rateLimitWaitMs(error: unknown, now: number = Date.now()): number | undefined {
  if (!isRateLimit(error)) return undefined;
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.max(1_000, retryAfter * 1_000);
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset))
    return Math.max(1_000, reset * 1_000 - now);
  return 60_000;
}
