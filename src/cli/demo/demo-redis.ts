import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { readAppendOnly } from '../../queue/check-redis.js';
import { CliError } from '../errors.js';

/** The Redis address tried when `--redis` is not given. */
export const DEFAULT_DEMO_REDIS_URL = 'redis://127.0.0.1:6379';
/** How long a Redis may take to answer PING (a started `redis-server`: to come up). */
const ANSWER_TIMEOUT_MS = 5_000;

/** The Redis the demo runs against; `stop()` stops a server the demo started (only that). */
export interface DemoRedis {
  readonly url: string;
  /** How the demo came by it, for the account. */
  readonly source: 'given' | 'local' | 'started';
  /** It keeps no append-only file (a given or local one; the demo's own has one). */
  readonly volatile: boolean;
  /** Its URL without a password, for messages. */
  readonly displayUrl: string;
  stop(): Promise<void>;
}

/**
 * `--redis URL` when given (it must answer), else 127.0.0.1:6379 when it answers PING, else a
 * `redis-server` of its own on a free port (append-only file on, as rootguard asks, in a temp
 * dir), else one clear error. A given or local Redis without an append-only file is used anyway
 * (`volatile`: the caller warns): a demo's incident is thrown away at its end.
 */
export async function resolveDemoRedis(given: string | undefined): Promise<DemoRedis> {
  const none = async () => undefined;
  if (given !== undefined) {
    if (!(await answersPing(given, ANSWER_TIMEOUT_MS)))
      throw new CliError('cannot-start', `--redis ${redactUrl(given)} does not answer PING.`);
    return {
      url: given,
      source: 'given',
      volatile: await isVolatile(given),
      displayUrl: redactUrl(given),
      stop: none,
    };
  }
  if (await answersPing(DEFAULT_DEMO_REDIS_URL, 1_000))
    return {
      url: DEFAULT_DEMO_REDIS_URL,
      source: 'local',
      volatile: await isVolatile(DEFAULT_DEMO_REDIS_URL),
      displayUrl: DEFAULT_DEMO_REDIS_URL,
      stop: none,
    };
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new CliError(
      'cannot-start',
      'the demo needs Redis: none answers on 127.0.0.1:6379 and redis-server is not on the PATH; install it (apt-get install redis-server, brew install redis) or pass --redis URL.',
    );
  return startRedisServer();
}

async function startRedisServer(): Promise<DemoRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rootguard-demo-redis-'));
  const child = spawn(
    'redis-server',
    // Configured as rootguard asks of any Redis: an append-only file, fsynced every second.
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  if (!(await answersPing(url, ANSWER_TIMEOUT_MS))) {
    await stop();
    throw new CliError('cannot-start', `the redis-server the demo started on port ${port} did not answer.`);
  }
  return { url, source: 'started', volatile: false, displayUrl: url, stop };
}

/** Whether the Redis at `url` keeps no append-only file (or will not say: rootguard would refuse it too). */
async function isVolatile(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await readAppendOnly(redis)) !== true;
  } catch {
    return true;
  } finally {
    redis.disconnect();
  }
}

/** Whether a Redis at `url` answers PING within `timeoutMs` (tried again until then: a server may be starting). */
async function answersPing(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await pingOnce(url, Math.max(100, deadline - Date.now()))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
}

async function pingOnce(url: string, timeoutMs: number): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A free loopback port, found by binding port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

/** A URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return JSON.stringify(url.slice(0, 60));
  }
}
