// Times a command: one untimed run to warm the page cache, then `runs` timed runs; the median wins.
import { runCommand, type CommandResult, type RunCommandOptions } from './run-command.js';

export interface Throughput {
  readonly medianSeconds: number;
  readonly allSeconds: readonly number[];
  /** Peak RSS in bytes over all runs, when measured. */
  readonly maxRssBytes?: number;
  /** The last timed run (its output is what gets checked). */
  readonly last: CommandResult;
}

export async function measureThroughput(
  command: string,
  args: readonly string[],
  runs: number,
  options: RunCommandOptions,
): Promise<Throughput> {
  await runCommand(command, args, options);
  const results: CommandResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await runCommand(command, args, options));
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
