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
