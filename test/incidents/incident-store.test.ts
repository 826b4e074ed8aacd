import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { scanBytes } from '../../src/detect/scan-bytes.js';
import { IncidentError } from '../../src/incidents/errors.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { IncidentStore, type RecordOccurrenceInput } from '../../src/incidents/incident-store.js';
import { KeyGenerator } from '../support/keygen.js';
import { deleteUnder, keysUnder, TEST_REDIS_URL, uniquePrefix, valuesUnder } from './redis-fixture.js';

const gen = new KeyGenerator(601);
const KEY = gen.rootKey();
const prefixes: string[] = [];
let a: Redis;
let b: Redis;

function leak(
  line: number,
  overrides: Partial<RecordOccurrenceInput['occurrence']> = {},
): RecordOccurrenceInput {
  return {
    fingerprint: fingerprintKey(KEY),
    ruleId: 'unkey-root-key',
    masked: maskKey(KEY),
    occurrence: {
      ruleId: 'unkey-root-key',
      location: { kind: 'commit', repo: 'acme/api', commit: 'a'.repeat(40), path: '.env', line, column: 16 },
      exposedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, line)).toISOString(),
      foundBy: 'push',
      repoPublic: false,
      ...overrides,
    },
  };
}

function newPrefix(): string {
  const prefix = uniquePrefix('incidents');
  prefixes.push(prefix);
  return prefix;
}

beforeAll(() => {
  a = new Redis(TEST_REDIS_URL);
  b = new Redis(TEST_REDIS_URL);
});
afterEach(async () => {
  for (const prefix of prefixes.splice(0)) await deleteUnder(a, prefix);
});
afterAll(async () => {
  await a.quit();
  await b.quit();
});

describe('IncidentStore', () => {
  it('creates one incident and loses no occurrence when two connections record 50 places each at once', async () => {
    const prefix = newPrefix();
    const stores = [new IncidentStore(a, { prefix }), new IncidentStore(b, { prefix })];
    // Lines 1..100 spread over both stores; the earliest exposure (line 1) is not recorded first.
    const lines = Array.from({ length: 100 }, (_, i) => 100 - i);
    const results = await Promise.all(
      lines.map((line, i) => (stores[i % 2] as IncidentStore).recordOccurrence(leak(line))),
    );
    expect(results.filter((r) => r.incidentCreated)).toHaveLength(1);
    expect(results.every((r) => r.occurrenceAdded)).toBe(true);
    const id = incidentIdFor(fingerprintKey(KEY));
    expect(new Set(results.map((r) => r.incidentId))).toEqual(new Set([id]));
    const store = stores[0] as IncidentStore;
    const incident = await store.get(id);
    expect(incident).toMatchObject({
      id,
      fingerprint: fingerprintKey(KEY),
      ruleId: 'unkey-root-key',
      masked: maskKey(KEY),
      status: 'open',
      occurrenceCount: 100,
      revision: 100,
      anyPublic: false,
      firstExposedAt: leak(1).occurrence.exposedAt,
    });
    const occurrences = await store.occurrences(id);
    expect(occurrences).toHaveLength(100);
    expect(new Set(occurrences.map((o) => o.id)).size).toBe(100);
    expect(occurrences[0]?.exposedAt).toBe(leak(1).occurrence.exposedAt);
    expect(await store.list()).toEqual([id]);
  });

  it('records the same place once, and a new place bumps the revision', async () => {
    const store = new IncidentStore(a, { prefix: newPrefix() });
    const first = await store.recordOccurrence(leak(7));
    const again = await store.recordOccurrence({
      ...leak(7),
      occurrence: { ...leak(7).occurrence, foundBy: 'rescan' },
    });
    expect(first).toMatchObject({ incidentCreated: true, occurrenceAdded: true });
    expect(again).toMatchObject({
      incidentId: first.incidentId,
      incidentCreated: false,
      occurrenceAdded: false,
    });
    expect((await store.get(first.incidentId))?.revision).toBe(1);
    const other = await store.recordOccurrence(leak(8, { repoPublic: true }));
    expect(other.occurrenceAdded).toBe(true);
    const incident = await store.get(first.incidentId);
    expect(incident).toMatchObject({ revision: 2, occurrenceCount: 2, anyPublic: true });
    expect((await store.occurrences(first.incidentId))[0]?.foundBy).toBe('push');
  });

  it('keeps different keys in different incidents, with no expiry on any key', async () => {
    const prefix = newPrefix();
    const store = new IncidentStore(a, { prefix });
    const other = gen.rootKey();
    await store.recordOccurrence(leak(1));
    await store.recordOccurrence({ ...leak(1), fingerprint: fingerprintKey(other), masked: maskKey(other) });
    expect(await store.list()).toHaveLength(2);
    for (const key of await keysUnder(a, prefix)) expect(await a.ttl(key)).toBe(-1);
    expect(await store.get('inc_missing')).toBeUndefined();
    expect(await store.occurrences('inc_missing')).toEqual([]);
  });

  it('stores nothing key-shaped, and refuses an occurrence that holds a key', async () => {
    const prefix = newPrefix();
    const store = new IncidentStore(a, { prefix });
    await store.recordOccurrence(leak(3));
    await store.recordOccurrence(
      leak(4, {
        location: { kind: 'job-log', repo: 'acme/api', runId: 1, jobId: 2, jobName: 'build', line: 9 },
      }),
    );
    const bad = leak(5, {
      location: {
        kind: 'commit',
        repo: 'acme/api',
        commit: 'b'.repeat(40),
        path: `keys/${KEY}.txt`,
        line: 1,
        column: 1,
      },
    });
    await expect(store.recordOccurrence(bad)).rejects.toMatchObject({
      name: 'IncidentError',
      code: 'key-material',
    });
    const values = await valuesUnder(a, prefix);
    expect(values.length).toBeGreaterThan(0);
    const detector = createDetector();
    for (const value of values) {
      expect(value).not.toContain(KEY.slice(8));
      expect(scanBytes(detector, Buffer.from(value), 'redis')).toEqual([]);
    }
    expect((await store.get(incidentIdFor(fingerprintKey(KEY))))?.occurrenceCount).toBe(2);
  });

  it('refuses a bad exposure time or fingerprint', async () => {
    const store = new IncidentStore(a, { prefix: newPrefix() });
    await expect(store.recordOccurrence(leak(1, { exposedAt: 'yesterday' }))).rejects.toBeInstanceOf(
      IncidentError,
    );
    await expect(store.recordOccurrence({ ...leak(1), fingerprint: 'abc' })).rejects.toThrow(/fingerprint/);
  });

  it('refuses to add to an incident id that belongs to another fingerprint', async () => {
    const prefix = newPrefix();
    const store = new IncidentStore(a, { prefix });
    const id = incidentIdFor(fingerprintKey(KEY));
    await a.hset(`${prefix}:incident:${id}`, 'id', id, 'fingerprint', fingerprintKey(gen.rootKey()));
    await expect(store.recordOccurrence(leak(1))).rejects.toMatchObject({ code: 'fingerprint-clash' });
    expect(await a.hlen(`${prefix}:incident:${id}:occurrences`)).toBe(0);
  });
});
