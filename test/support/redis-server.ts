import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../../src/cli/demo/demo-redis.js';

export { freePort };

/** Whether `redis-server` is on PATH (tests that start their own skip only when it is not). */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

/** A private `redis-server` on a free port (never the shared one), with extra arguments. */
export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts one on a free port, or on `port` (to restart a stopped one where its clients expect it). */
export async function startRedisServer(extraArgs: readonly string[] = [], port?: number): Promise<OwnRedis> {
  port ??= await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { retryStrategy: () => 50, maxRetriesPerRequest: null, lazyConnect: false });
  probe.on('error', () => undefined);
  await probe.ping();
  probe.disconnect();
  return {
    url,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
