/** What went wrong, stable for scripts and tests; every code ends the CLI with exit status 2. */
export type CliErrorCode =
  | 'bad-option'
  | 'unreadable-path'
  | 'not-a-git-repo'
  | 'bad-range'
  | 'git-failed'
  | 'bad-baseline'
  | 'bad-ignore-file'
  | 'write-failed'
  | 'cannot-start'
  | 'bad-key'
  | 'deliver-refused';

/**
 * The one error type of the CLI. Its message is a single secret-free sentence naming the thing
 * (path, option, range) and the problem; `main` prints it as one line and exits with status 2.
 */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** A short human reason for a Node system error (`ENOENT` → "no such file or directory"). */
export function describeSystemError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return REASONS[code] ?? code;
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error);
}
