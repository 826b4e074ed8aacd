// What a route handler returns, and the error it throws to answer like GitHub.

/** A response the emulator sends. */
export interface Reply {
  status: number;
  /** JSON body; omitted for 204/302. */
  body?: unknown;
  /** Raw bytes instead of JSON (downloads). */
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Thrown by handlers; turned into GitHub's error body `{ message, documentation_url, status }`. */
export class GitHubHttpError extends Error {
  override readonly name = 'GitHubHttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** GitHub's JSON error body. */
export function errorBody(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { message, documentation_url: 'https://docs.github.com/rest', status: String(status), ...extra };
}

/** A 404 like GitHub's (also used for things the token may not see). */
export function notFound(): GitHubHttpError {
  return new GitHubHttpError(404, 'Not Found');
}

/** A 422 with one `errors` entry. */
export function unprocessable(message: string, errors: unknown[] = []): GitHubHttpError {
  return new GitHubHttpError(422, message, errors.length > 0 ? { errors } : {});
}

/** `200` with a JSON body. */
export function ok(body: unknown, headers?: Record<string, string>): Reply {
  return { status: 200, body, ...(headers ? { headers } : {}) };
}
