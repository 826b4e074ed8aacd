/** Where output goes: anything with `write(text)` (a process stream, or a capture in tests). */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * The outside world of one CLI run. `main` takes it as a parameter so that tests run the CLI
 * in-process with their own streams, directory and environment.
 */
export interface CliIo {
  /** Read when a path is `-`. @defaultValue `process.stdin` */
  readonly stdin: AsyncIterable<Uint8Array | string>;
  /** Reports (text, JSON, SARIF) and `--help`. @defaultValue `process.stdout` */
  readonly stdout: TextSink;
  /** The summary line and error lines. @defaultValue `process.stderr` */
  readonly stderr: TextSink;
  /** Relative paths, `--baseline` files and `git` run from here. @defaultValue `process.cwd()` */
  readonly cwd: string;
  /** Passed to child processes (`git`). @defaultValue `process.env` */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process's streams, directory and environment. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  };
}
