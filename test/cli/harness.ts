// Runs the CLI in-process against temporary directories, capturing what it writes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly stdin?: readonly (string | Uint8Array)[];
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Runs `rootguard ARGV` in-process, with the real detector. */
export async function runRootguard(argv: readonly string[], options: RunOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin: (async function* () {
      yield* options.stdin ?? [];
    })(),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd,
    env: options.env ?? process.env,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A temporary directory holding `files` (path → content), removed when the test ends. */
export function makeTree(files: Readonly<Record<string, string | Uint8Array>> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'rootguard-cli-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
