import type { CliDeps } from './cli-command.js';
import { processIo, type CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';
import { createDetectorEngine } from '../sources/create-detector-engine.js';

/** The real detector and clock. */
export const defaultDeps: CliDeps = { createEngine: createDetectorEngine, now: () => performance.now() };

/**
 * Runs `rootguard` with `argv` (the arguments after the program name) and returns the exit
 * status: 0 nothing found, 1 something found, 2 error. `io` defaults to the real process.
 */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo(),
  deps: CliDeps = defaultDeps,
): Promise<number> {
  return runCli(argv, io, deps);
}
