// Runs one benchmark command as a child process and times it from spawn to exit (wall clock).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CommandResult {
  readonly exitCode: number;
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak RSS in bytes, when the process reported it (see report-max-rss.mjs). */
  readonly maxRssBytes?: number;
}

export interface RunCommandOptions {
  readonly cwd: string;
  /** Ask the child (a node process preloaded with report-max-rss.mjs) for its peak RSS. */
  readonly measureRss?: boolean;
}

const KIB = 1024;

/** Runs `command args`, stdout to a temporary file (so the parent's reading costs the child nothing). */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const stamp = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const stdoutPath = join(tmpdir(), `rootguard-bench-${stamp}.out`);
  const rssPath = join(tmpdir(), `rootguard-bench-${stamp}.rss`);
  const stdoutFd = openSync(stdoutPath, 'w');
  const env = options.measureRss ? { ...process.env, ROOTGUARD_BENCH_RSS_FILE: rssPath } : process.env;
  try {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', stdoutFd, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stdout = readFileSync(stdoutPath, 'utf8');
    const maxRssBytes = options.measureRss ? readRss(rssPath) : undefined;
    return { exitCode, seconds, stdout, stderr, ...(maxRssBytes === undefined ? {} : { maxRssBytes }) };
  } finally {
    closeSync(stdoutFd);
    rmSync(stdoutPath, { force: true });
    rmSync(rssPath, { force: true });
  }
}

function readRss(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8')) * KIB;
  } catch {
    return undefined;
  }
}
