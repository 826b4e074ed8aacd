import { spawn } from 'node:child_process';
import { describeSystemError } from '../../config/describe-system-error.js';
import { SourceError } from '../errors.js';

/** How much of git's standard error is kept: enough for its one-line `fatal:` message. */
export const MAX_GIT_STDERR_CHARS = 4096;

/** A git command line and where it runs. */
export interface GitCommand {
  /** Arguments after `git`. */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Stops git (SIGTERM) when it aborts; `streamGit` then throws a `git-timeout` SourceError. */
  readonly signal?: AbortSignal;
}

/** How git ended. */
export interface GitExit {
  /** `null` when git was ended by a signal. */
  readonly exitCode: number | null;
  /** The start of git's standard error. */
  readonly stderr: string;
}

/** The first line of git's standard error, for a one-line error message. */
export function firstLine(stderr: string): string {
  return stderr.trim().split('\n')[0]?.trim() || 'no message';
}

/**
 * Runs git and hands its standard output to `onStdout` chunk by chunk as it arrives (never
 * buffered whole; git waits while `onStdout` works). Resolves with the exit once git has ended.
 */
export async function streamGit(command: GitCommand, onStdout: (chunk: Buffer) => void): Promise<GitExit> {
  const child = spawn('git', command.args, {
    cwd: command.cwd,
    env: command.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(command.signal ? { signal: command.signal } : {}),
  });
  const exit = new Promise<GitExit>((resolve, reject) => {
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < MAX_GIT_STDERR_CHARS) stderr += text.slice(0, MAX_GIT_STDERR_CHARS - stderr.length);
    });
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stderr }));
  });
  // Read below; a spawn failure is reported from there, not as an unhandled rejection.
  exit.catch(() => undefined);
  try {
    for await (const chunk of child.stdout) onStdout(chunk as Buffer);
  } catch (error) {
    child.kill();
    if (command.signal?.aborted) throw stopped();
    throw error;
  }
  let result: GitExit;
  try {
    result = await exit;
  } catch (error) {
    if (command.signal?.aborted) throw stopped();
    throw new SourceError('git-failed', `cannot run git: ${describeSystemError(error)}`, { cause: error });
  }
  if (command.signal?.aborted) throw stopped();
  return result;
}

function stopped(): SourceError {
  return new SourceError('git-timeout', 'git was stopped: it ran longer than allowed');
}

/** Runs a git command with a small output and returns its exit and standard output. */
export async function runGit(command: GitCommand): Promise<GitExit & { stdout: string }> {
  const chunks: Buffer[] = [];
  const exit = await streamGit(command, (chunk) => chunks.push(chunk));
  return { ...exit, stdout: Buffer.concat(chunks).toString('utf8') };
}
