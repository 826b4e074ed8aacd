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
