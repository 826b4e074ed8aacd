import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/rootguard.js', import.meta.url));

/** A throw-away App private key: start-up reads it before it looks at Redis. */
export const TEST_PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}).privateKey;

/** What a `rootguard` process printed and how it ended. */
export interface RootguardExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `node bin/rootguard.js <args>` with `env` (PATH added) until it exits by itself;
 * kills it after `timeoutMs` (then `code` is null), so a process that wrongly starts fails the test.
 */
export async function runRootguard(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 20_000,
): Promise<RootguardExit> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}
