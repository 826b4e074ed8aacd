import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import type { CreateEngine } from '../sources/scan-engine.js';

/** Parts of a run that tests replace: the detector binding and the clock. */
export interface CliDeps {
  /** @defaultValue binds `src/detect`'s `createDetector` */
  readonly createEngine: CreateEngine;
  /** Milliseconds on a monotonic clock. @defaultValue `performance.now` */
  readonly now: () => number;
}

/** What a command's action gets: the outside world, and where to put its exit status. */
export interface CommandContext {
  readonly io: CliIo;
  readonly deps: CliDeps;
  /** rootguard's version. */
  readonly version: string;
  setExitCode(code: number): void;
}

/** One `rootguard` subcommand, defined in its own file under `commands/`. */
export interface CliCommand {
  create(context: CommandContext): Command;
}
