/** An answer of the GitHub REST API, as Octokit gives it. */
export interface AppAnswer {
  readonly data: unknown;
}

/**
 * What the App checks ask of GitHub: requests made as the App itself (its JWT), such as
 * Octokit's `request` from `probot.auth()`. Errors carry `status` (Octokit's `RequestError`).
 */
export interface AppClient {
  request(route: string, parameters?: Record<string, unknown>): Promise<AppAnswer>;
}

/** A GitHub permission level, ordered: a grant satisfies anything at or below it. */
const LEVELS = ['read', 'write', 'admin'];

/** Whether a granted level (`undefined`: not granted) covers the wanted one. */
export function levelCovers(granted: string | undefined, wanted: string): boolean {
  if (granted === undefined) return false;
  return LEVELS.indexOf(granted) >= LEVELS.indexOf(wanted);
}
