// Times commands: one untimed run of each to warm the page cache, then `runs` rounds in which each
// command runs once, interleaved, so that load from elsewhere on the machine hits all of them
// alike. The median of each command's runs is its time.
import { runCommand, type CommandResult, type RunCommandOptions } from './run-command.js';

/** A command to time. */
export interface TimedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: RunCommandOptions;
}

export interface Throughput {
  readonly medianSeconds: number;
  readonly allSeconds: readonly number[];
  /** Peak RSS in bytes over all runs, when measured. */
  readonly maxRssBytes?: number;
  /** The last timed run (its output is what gets checked). */
  readonly last: CommandResult;
}

/** Times every command (see the file comment); results in the order of `commands`. */
export async function measureThroughput(
  commands: readonly TimedCommand[],
  runs: number,
): Promise<Throughput[]> {
  const run = ({ command, args, options }: TimedCommand) => runCommand(command, args, options);
  for (const timed of commands) await run(timed);
  const results = commands.map((): CommandResult[] => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, timed] of commands.entries()) results[i]?.push(await run(timed));
  }
  return results.map(summarise);
}

function summarise(results: readonly CommandResult[]): Throughput {
  const allSeconds = results.map((r) => r.seconds);
  const rss = results.flatMap((r) => (r.maxRssBytes === undefined ? [] : [r.maxRssBytes]));
  const last = results[results.length - 1] as CommandResult;
  return {
    medianSeconds: median(allSeconds),
    allSeconds,
    last,
    ...(rss.length ? { maxRssBytes: Math.max(...rss) } : {}),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
