import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../../src/cli/doctor/doctor-check.js';
import { checkRedisAt, versionAtLeast } from '../../../src/cli/doctor/redis-checks.js';
import type { RedisAddress } from '../../../src/redis/redis-address.js';

const oneServer = (url: string): RedisAddress => ({ urls: [url], cluster: false });
import {
  freePort,
  HAS_REDIS_SERVER,
  PERSISTENT_REDIS_ARGS,
  startRedisServer,
  type OwnRedis,
} from '../../support/redis-server.js';

/** The shared test Redis (no append-only file, see DESIGN.md §4). */
const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

const byName = (checks: DoctorCheck[]) => new Map(checks.map((check) => [check.name, check]));

describe('doctor: Redis', () => {
  it('fails persistence on a Redis without an append-only file (the shared test Redis), with the fix', async () => {
    const checks = byName(await checkRedisAt(oneServer(SHARED_REDIS_URL)));
    expect(checks.get('redis: answers')?.state).toBe('pass');
    expect(checks.get('redis: persistence')).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('appendonly no'),
      fix: expect.stringContaining('appendonly yes'),
    });
    expect(checks.get('redis: version')?.state).toBe('pass');
  });

  it('fails on nothing listening, naming the variable to fix', async () => {
    const checks = await checkRedisAt(oneServer(`redis://127.0.0.1:${await freePort()}`));
    expect(checks).toEqual([
      expect.objectContaining({
        name: 'redis: answers',
        state: 'fail',
        fix: expect.stringContaining('ROOTGUARD_REDIS_URL'),
      }),
    ]);
  });

  it('never prints the password of the Redis URL', async () => {
    const checks = await checkRedisAt(oneServer(`redis://:doctor-pass-word@127.0.0.1:${await freePort()}`));
    expect(JSON.stringify(checks)).not.toContain('doctor-pass-word');
  });

  it('compares versions part by part', () => {
    expect(versionAtLeast('7.0.15', '6.2.0')).toBe(true);
    expect(versionAtLeast('6.2.0', '6.2.0')).toBe(true);
    expect(versionAtLeast('6.0.16', '6.2.0')).toBe(false);
    expect(versionAtLeast('10.0', '6.2.0')).toBe(true);
  });
});

describe.skipIf(!HAS_REDIS_SERVER)('doctor: a Redis of its own', () => {
  let persistent: OwnRedis;
  let evicting: OwnRedis;
  beforeAll(async () => {
    persistent = await startRedisServer(PERSISTENT_REDIS_ARGS);
    evicting = await startRedisServer(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'yes']);
  });
  afterAll(async () => {
    await persistent?.stop();
    await evicting?.stop();
  });

  it('passes every check on noeviction with AOF on', async () => {
    const checks = await checkRedisAt(oneServer(persistent.url));
    expect(checks.map((check) => [check.name, check.state])).toEqual([
      ['redis: answers', 'pass'],
      ['redis: maxmemory-policy', 'pass'],
      ['redis: persistence', 'pass'],
      ['redis: version', 'pass'],
    ]);
  });

  it('fails an evicting policy, naming it and the fix', async () => {
    const policy = byName(await checkRedisAt(oneServer(evicting.url))).get('redis: maxmemory-policy');
    expect(policy).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('allkeys-lru'),
      fix: expect.stringContaining('noeviction'),
    });
  });
});
