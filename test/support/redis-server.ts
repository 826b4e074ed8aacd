import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../src/cli/demo/demo-redis.js';

export { freePort };

/** Whether `redis-server` is on PATH (tests that start their own skip only when it is not). */
/** A Redis as rootguard's start-up requires it in production: no eviction, an append-only file. */
export const PERSISTENT_REDIS_ARGS = [
  '--maxmemory-policy',
  'noeviction',
  '--appendonly',
  'yes',
  '--appendfsync',
  'everysec',
] as const;

export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

/** A private `redis-server` on a free port (never the shared one), with extra arguments. */
export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  /** Its working directory (where an append-only file goes): pass it to a restart to keep the data. */
  readonly dir: string;
  /** The server's process id (to `kill -9` it). */
  readonly pid: number;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash: nothing flushed beyond what fsync already wrote), and waits for the exit. */
  kill(): Promise<void>;
}

/**
 * Starts one on a free port, or on `port` and in `dir` (to restart a stopped one where its
 * clients expect it, with its files). No persistence unless `extraArgs` turns it on
 * (`--appendonly yes`: later arguments win).
 */
export async function startRedisServer(
  extraArgs: readonly string[] = [],
  port?: number,
  dir?: string,
): Promise<OwnRedis> {
  port ??= await freePort();
  const madeDir = dir === undefined;
  dir ??= mkdtempSync(join(tmpdir(), 'rootguard-test-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { retryStrategy: () => 50, maxRetriesPerRequest: null, lazyConnect: false });
  probe.on('error', () => undefined);
  await probe.ping();
  probe.disconnect();
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  // A restart on a given directory belongs to the server that made it: end this one, keep the files.
  started.push({ dir: madeDir ? dir : undefined, end: () => end('SIGKILL') });
  return { url, port, dir, pid: child.pid!, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** The servers this test file started: `removeTestRedisServers` ends them and removes their files. */
const started: { readonly dir: string | undefined; readonly end: () => Promise<void> }[] = [];

/**
 * Stops whatever servers the file left running and removes every directory made for them
 * (`test/support/cleanup-setup.ts` calls it after each test file). Until then a stopped or killed
 * server's files stay, for a restart on them (F3, F4).
 */
export async function removeTestRedisServers(): Promise<void> {
  const servers = started.splice(0);
  await Promise.all(servers.map((server) => server.end()));
  for (const { dir } of servers) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
