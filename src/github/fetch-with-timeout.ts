/**
 * How long one GitHub API request may take, its answer body included. GitHub answers in well
 * under a second; a request still open after this is hung (a stalled proxy, a dead connection)
 * and is aborted so the step can fail, be retried, or let the process shut down.
 */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Wraps `fetch` so every request is aborted after `timeoutMs`, body included, on top of any
 * signal the caller passed (Octokit passes one through `request.signal`).
 */
export function fetchWithTimeout(timeoutMs: number, fetchImpl: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetchImpl(input, { ...init, signal });
  };
}
