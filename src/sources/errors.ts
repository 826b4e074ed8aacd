/** What went wrong in a source, stable for the queue, logs and tests. */
export type SourceErrorCode =
  /** A file, directory or standard input of a local scan cannot be read. */
  | 'unreadable-path'
  /** A local history scan was asked for outside a git repository. */
  | 'not-a-git-repo'
  /** git does not know the revision range of a local history scan. */
  | 'bad-range'
  /** git could not be run, or failed for a reason that is not a limit. */
  | 'git-failed'
  /** git ran longer than its time limit and was stopped. */
  | 'git-timeout'
  /** git printed something the patch parser cannot place (added lines before a path). */
  | 'bad-git-output'
  /** No occurrence gave a leaked key back, and at least one failed in a way a retry may fix (5xx, 429, network). */
  | 'leaked-key-unreadable';

/**
 * The error of `src/sources`. Limits are not errors (they end a scan as `incomplete`); this is
 * for failures the queue should retry or a person should look at. Messages name the object and
 * the problem, never key material or tokens.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(
    readonly code: SourceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
