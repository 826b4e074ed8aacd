import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import type { IncidentStore, RecordOccurrenceInput } from '../../src/incidents/incident-store.js';

/** The shared Redis the tests use (never flushed: every test works under its own prefix). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A fresh key prefix, so tests running at once never see each other's keys. */
export function uniquePrefix(label: string): string {
  return `rgtest-${label}-${randomBytes(6).toString('hex')}`;
}

/** Every key under `prefix`, via SCAN (never KEYS on a shared server). */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', '500');
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** Every stored string under `prefix` (string values, hash fields and values, set members). */
export async function valuesUnder(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const key of await keysUnder(redis, prefix)) {
    const type = await redis.type(key);
    if (type === 'string') out.push((await redis.get(key)) ?? '');
    else if (type === 'hash') out.push(...Object.entries(await redis.hgetall(key)).flat());
    else if (type === 'zset') out.push(...(await redis.zrange(key, '0', '-1')));
    else if (type === 'set') out.push(...(await redis.smembers(key)));
    else if (type === 'list') out.push(...(await redis.lrange(key, '0', '-1')));
    out.push(key);
  }
  return out;
}

/** Deletes every key under `prefix`. */
export async function deleteUnder(redis: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(redis, prefix);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

/**
 * Records one commit occurrence of `key` (a generated key) and returns its incident id: the
 * smallest incident the playbook's stores can work on.
 */
export async function recordCommitIncident(
  store: IncidentStore,
  key: string,
  extra: Partial<Pick<RecordOccurrenceInput['occurrence'], 'receivedAt' | 'repoPublic'>> = {},
): Promise<string> {
  const { incidentId } = await store.recordOccurrence({
    fingerprint: fingerprintKey(key),
    ruleId: 'unkey-root-key',
    masked: maskKey(key),
    occurrence: {
      ruleId: 'unkey-root-key',
      location: {
        kind: 'commit',
        repo: 'acme/api',
        commit: 'a'.repeat(40),
        path: '.env',
        line: 1,
        column: 1,
      },
      exposedAt: '2026-11-27T10:00:00Z',
      foundBy: 'push',
      repoPublic: true,
      ...extra,
    },
  });
  return incidentId;
}
