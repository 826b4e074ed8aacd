import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminBoard, ADMIN_PATH } from '../../src/observe/admin-board.js';
import { createQueues, type RootguardQueues } from '../../src/queue/queues.js';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { KeyGenerator } from '../support/keygen.js';

const prefix = `rg-test-observe-board-${process.pid}`;
const token = randomBytes(24).toString('base64url');

let redis: Redis;
let queues: RootguardQueues;
const servers: Server[] = [];

async function serveBoard(write: boolean): Promise<string> {
  const handle = adminBoard({
    token,
    write,
    queues: [queues.scan, queues.playbook, queues.notify, queues.command],
  });
  const server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404).end();
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const bearer = { authorization: `Bearer ${token}` };

beforeAll(async () => {
  redis = createRedisConnection('redis://127.0.0.1:6379', 'producer', { onError: () => undefined });
  queues = createQueues({ connection: redis, prefix });
});

afterAll(async () => {
  for (const server of servers) server.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await queues.close();
  redis.disconnect();
});

describe('Bull Board at /admin/queues', () => {
  it('refuses a request without the token, or with a wrong one, with a basic-auth challenge', async () => {
    const base = await serveBoard(false);
    const none = await fetch(`${base}${ADMIN_PATH}/api/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = await fetch(`${base}${ADMIN_PATH}/api/queues`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const page = await fetch(`${base}${ADMIN_PATH}`);
    expect(page.status).toBe(401);
  });

  it('lists the queues with the token (bearer or basic auth) and serves its page', async () => {
    const base = await serveBoard(false);
    const answer = await fetch(`${base}${ADMIN_PATH}/api/queues`, { headers: bearer });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['command', 'notify', 'playbook', 'scan']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    const basic = `Basic ${Buffer.from(`admin:${token}`).toString('base64')}`;
    const page = await fetch(`${base}${ADMIN_PATH}`, { headers: { authorization: basic } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('refuses a write action when read-only, and allows it with ROOTGUARD_ADMIN_WRITE', async () => {
    const readOnly = await serveBoard(false);
    const paused = await fetch(`${readOnly}${ADMIN_PATH}/api/queues/scan/pause`, {
      method: 'PUT',
      headers: bearer,
    });
    expect(paused.status).toBe(405);
    expect(await queues.scan.isPaused()).toBe(false);
    const writable = await serveBoard(true);
    const pausedNow = await fetch(`${writable}${ADMIN_PATH}/api/queues/scan/pause`, {
      method: 'PUT',
      headers: bearer,
    });
    expect(pausedNow.status).toBe(200);
    expect(await queues.scan.isPaused()).toBe(true);
    await queues.scan.resume();
  });

  it('shows job data and failed reasons masked', async () => {
    const key = new KeyGenerator(1601).rootKey();
    const job = await queues.notify.add('report-slack', { note: `leaked ${key}` } as never);
    await job.moveToFailed(new Error(`failed with ${key}`), '0', false).catch(() => undefined);
    const base = await serveBoard(false);
    const answer = await fetch(`${base}${ADMIN_PATH}/api/queues/notify/${job.id}`, { headers: bearer });
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).not.toContain(key);
    expect(text).toContain(key.slice(-4));
    const shown = JSON.parse(text) as { job: { failedReason?: string; data: unknown } };
    expect(shown.job.failedReason).toContain(`failed with unkey_3Z…${key.slice(-4)}`);
  });
});
