import { ConfigError, type ConfigErrorCode } from '../config/errors.js';
import { SourceError, type SourceErrorCode } from '../sources/errors.js';

/**
 * What went wrong, stable for scripts and tests; every code ends the CLI with exit status 2. The
 * CLI's own codes, and those of the source and config errors it reports as its own (`toCliError`):
 * e.g. `unreadable-path`, `not-a-git-repo`, `bad-range`, `git-failed` (SourceError) and
 * `config-unreadable`, `config-invalid` for `--baseline` and `.rootguardignore` (ConfigError).
 */
export type CliErrorCode =
  | 'bad-option'
  | 'write-failed'
  | 'cannot-start'
  | 'bad-key'
  | 'deliver-refused'
  | 'setup-refused'
  | 'setup-failed'
  | 'export-failed'
  | SourceErrorCode
  | ConfigErrorCode;

/**
 * The one error type of the CLI. Its message is a single secret-free sentence naming the thing
 * (path, option, range) and the problem; `main` prints it as one line and exits with status 2.
 */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly code: CliErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * `error` as the CLI reports it to the user, or `undefined` for a bug. A `SourceError` or
 * `ConfigError` (a path that cannot be read, a bad range, a malformed baseline) is the user's to
 * fix, and its message is already one secret-free sentence naming the thing: it becomes a
 * `CliError` with the same code and message (the original as `cause`).
 */
export function toCliError(error: unknown): CliError | undefined {
  if (error instanceof CliError) return error;
  if (error instanceof SourceError || error instanceof ConfigError)
    return new CliError(error.code, error.message, { cause: error });
  return undefined;
}
