/** Stable codes of `GitHubError`. */
export type GitHubErrorCode = 'no-log-link' | 'log-download-failed' | 'log-link-refused';

/** An answer from GitHub that the helpers in src/github cannot use. Messages hold no tokens or links. */
export class GitHubError extends Error {
  override readonly name = 'GitHubError';

  constructor(
    readonly code: GitHubErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Thrown before a request leaves while its lane must wait (GitHub's rate limit in force, or the
 * next slot far off). Shaped like GitHub's own 429 with `Retry-After`, so every caller that
 * already handles a rate limit (retry later, never "permission missing") handles it the same.
 */
export class LaneWaitError extends Error {
  override readonly name = 'LaneWaitError';
  readonly code = 'lane-wait';
  readonly status = 429;
  readonly response: { readonly headers: Readonly<Record<string, string>> };

  constructor(
    /** When the lane opens again (ms since the epoch). */
    readonly until: number,
    reason: string,
    now: number = Date.now(),
  ) {
    super(`waiting for ${reason}`);
    this.response = { headers: { 'retry-after': String(Math.max(1, Math.ceil((until - now) / 1_000))) } };
  }
}
