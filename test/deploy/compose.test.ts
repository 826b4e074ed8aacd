// compose.yaml, read as Compose reads it (YAML with merge keys), and its parts run where they can
// be without an engine: Redis with the file's own arguments must pass rootguard's start-up check,
// and the services' health checks must pass and fail as their endpoints do.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertRedisReady } from '../../src/queue/check-redis.js';
import { freePort, startRedisServer } from '../support/redis-server.js';
import { livezStubs } from './livez-stub.js';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  env_file?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  user?: string;
  read_only?: boolean;
}

const COMPOSE = parse(readFileSync(fileURLToPath(new URL('../../compose.yaml', import.meta.url)), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { redis, serve, worker } = COMPOSE.services as Record<'redis' | 'serve' | 'worker', Service>;

describe('compose.yaml', () => {
  it('runs serve, one worker and Redis, the rootguard services from the Dockerfile and .env', () => {
    expect(Object.keys(COMPOSE.services).sort()).toEqual(['redis', 'serve', 'worker']);
    for (const [service, command] of [
      [serve!, 'serve'],
      [worker!, 'worker'],
    ] as const) {
      expect(service.build).toBe('.');
      expect(service.command).toEqual([command]);
      expect(service.env_file).toBe('.env');
      expect(service.environment?.['ROOTGUARD_REDIS_URL']).toBe('redis://redis:6379');
      expect(service.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
      expect(service.read_only).toBe(true);
    }
    expect(serve!.environment?.['PORT']).toBe('3000');
    expect(serve!.ports).toEqual(['3000:3000']);
    expect(worker!.ports).toBeUndefined();
  });

  it("keeps Redis's data in a named volume", () => {
    expect(redis!.volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(COMPOSE.volumes)).toEqual(['redis-data']);
  });

  describe("Redis with the file's arguments", () => {
    const [program, ...args] = redis!.command!;
    let connection: Redis | undefined;
    let stop: (() => Promise<void>) | undefined;
    let port: number | undefined;
    afterAll(async () => {
      await connection?.quit();
      await stop?.();
    });

    it("passes rootguard's start-up check without ROOTGUARD_ALLOW_VOLATILE_REDIS", async () => {
      expect(program).toBe('redis-server');
      const server = await startRedisServer(args);
      stop = () => server.stop();
      port = server.port;
      connection = new Redis(server.url, { maxRetriesPerRequest: null });
      await expect(assertRedisReady(connection)).resolves.toEqual({ persistent: true });
      expect(await connection.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
    });

    it('passes its health check while it answers, and fails it once stopped', async () => {
      const [kind, script] = redis!.healthcheck!.test;
      expect(kind).toBe('CMD-SHELL');
      // In its container Redis listens on the default port; here, on the test server's.
      const check = async () => {
        const child = spawn('sh', ['-c', script!.replace('redis-cli ', `redis-cli -p ${port!} `)], {
          stdio: 'ignore',
        });
        return ((await once(child, 'exit')) as [number | null])[0];
      };
      expect(await check()).toBe(0);
      await connection!.quit();
      connection = undefined;
      await stop!();
      stop = undefined;
      expect(await check()).not.toBe(0);
    });
  });

  describe("the rootguard services' health checks", () => {
    const livez = livezStubs();
    /** Runs a `CMD node -e …` health check as the engine does, in this process's absence of a shell. */
    async function probe(
      test: string[],
      rewrite: (script: string) => string,
      env: Record<string, string> = {},
    ) {
      const [kind, node, flag, script] = test;
      expect([kind, node, flag]).toEqual(['CMD', 'node', '-e']);
      const child = spawn(process.execPath, ['-e', rewrite(script!)], {
        env: { PATH: process.env['PATH'] ?? '', ...env },
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    }

    it("serve's probes /livez on its port 3000", async () => {
      const test = serve!.healthcheck!.test;
      expect(test[3]).toContain("'http://127.0.0.1:3000/livez'");
      // Port 3000 may be taken on this machine: the same script, pointed at a stub's port.
      const at = (port: number) => (script: string) => script.replace(':3000/', `:${port}/`);
      expect(await probe(test, at(await livez(200)))).toBe(0);
      expect(await probe(test, at(await livez(503)))).toBe(1);
      expect(await probe(test, at(await freePort()))).toBe(1);
    });

    it("the worker's probes /livez on ROOTGUARD_HEALTH_PORT", async () => {
      const test = worker!.healthcheck!.test;
      const same = (script: string) => script;
      expect(await probe(test, same, { ROOTGUARD_HEALTH_PORT: String(await livez(200)) })).toBe(0);
      expect(await probe(test, same, { ROOTGUARD_HEALTH_PORT: String(await livez(500)) })).toBe(1);
      expect(await probe(test, same, { ROOTGUARD_HEALTH_PORT: String(await freePort()) })).toBe(1);
    });
  });
});
