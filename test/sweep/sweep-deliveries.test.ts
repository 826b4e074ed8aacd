import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { HookDeliveriesClient, HookDelivery } from '../../src/sweep/hook-deliveries-client.js';
import { nextCursorOf } from '../../src/sweep/hook-deliveries-client.js';
import { isRedeliverable, sweepDeliveries } from '../../src/sweep/sweep-deliveries.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const log = pino({ level: 'silent' });

/** A delivery log in memory, newest first in pages of `perPage`, recording redelivery requests. */
function fakeLog(attempts: HookDelivery[], refuse: ReadonlySet<number> = new Set()) {
  const asked: number[] = [];
  let pagesRead = 0;
  const newestFirst = [...attempts].sort((a, b) => b.id - a.id);
  const client: HookDeliveriesClient = {
    async listDeliveries({ perPage, cursor }) {
      pagesRead++;
      const start = cursor === undefined ? 0 : Number(cursor);
      const deliveries = newestFirst.slice(start, start + perPage);
      const next = start + perPage < newestFirst.length ? String(start + perPage) : undefined;
      return { deliveries, ...(next !== undefined ? { nextCursor: next } : {}) };
    },
    async redeliver(id) {
      if (refuse.has(id)) throw Object.assign(new Error('Server Error'), { status: 500 });
      asked.push(id);
    },
  };
  return { client, asked, pagesRead: () => pagesRead };
}

function marksInMemory() {
  const set = new Set<string>();
  return {
    set,
    claim: async (guid: string) => (set.has(guid) ? false : (set.add(guid), true)),
    release: async (guid: string) => void set.delete(guid),
  };
}

let nextId = 1;
function attempt(guid: string, statusCode: number, minutesAgo = 5, redelivery = false): HookDelivery {
  return {
    id: nextId++,
    guid,
    statusCode,
    redelivery,
    event: 'push',
    deliveredAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
  };
}

const sweep = (client: HookDeliveriesClient, extra: Partial<Parameters<typeof sweepDeliveries>[0]> = {}) =>
  sweepDeliveries({
    client,
    processed: async () => false,
    marks: marksInMemory(),
    log,
    now: () => NOW,
    ...extra,
  });

describe('sweepDeliveries', () => {
  it('redelivers events none of whose attempts succeeded, oldest first, by their latest attempt', async () => {
    const a1 = attempt('a', 502, 30);
    const b1 = attempt('b', 200, 20);
    const c1 = attempt('c', 504, 10);
    const a2 = attempt('a', 503, 8, true);
    const { client, asked } = fakeLog([a1, b1, c1, a2]);
    expect(await sweep(client)).toMatchObject({ attempts: 4, failed: 2, redelivered: 2 });
    expect(asked).toEqual([a2.id, c1.id]);
  });

  it('skips what the ledger holds, what a 4xx refused, and what was asked before', async () => {
    const { client, asked } = fakeLog([attempt('taken', 502), attempt('bad', 400), attempt('asked', 502)]);
    const marks = marksInMemory();
    marks.set.add('asked');
    const result = await sweep(client, { processed: async (guid) => guid === 'taken', marks });
    expect(result).toMatchObject({ failed: 3, processed: 1, refused: 1, askedBefore: 1, redelivered: 0 });
    expect(asked).toEqual([]);
  });

  it('reads back only `lookbackMs` and at most `maxPages` pages', async () => {
    const old = attempt('old', 502, 60 * 25);
    const recent = Array.from({ length: 250 }, (_, i) => attempt(`r${i}`, 200, 60 - i / 10));
    const { client, pagesRead } = fakeLog([old, ...recent]);
    expect(await sweep(client)).toMatchObject({ attempts: 250, failed: 0, pages: 3 });
    const bounded = fakeLog([old, ...recent]);
    expect(await sweep(bounded.client, { maxPages: 2 })).toMatchObject({ attempts: 200, pages: 2 });
    expect(pagesRead()).toBe(3);
  });

  it('asks at most `maxRedeliveries` a sweep and leaves the rest for the next', async () => {
    const { client, asked } = fakeLog(Array.from({ length: 5 }, (_, i) => attempt(`e${i}`, 502, 10 - i)));
    const marks = marksInMemory();
    expect(await sweep(client, { maxRedeliveries: 3, marks })).toMatchObject({ redelivered: 3, deferred: 2 });
    expect(await sweep(client, { maxRedeliveries: 3, marks })).toMatchObject({
      redelivered: 2,
      askedBefore: 3,
    });
    expect(asked).toHaveLength(5);
  });

  it('releases the mark when GitHub refuses the request, so a later sweep asks again', async () => {
    const failed = attempt('flaky', 502);
    const marks = marksInMemory();
    const refusing = fakeLog([failed], new Set([failed.id]));
    expect(await sweep(refusing.client, { marks })).toMatchObject({ errors: 1, redelivered: 0 });
    const taking = fakeLog([failed]);
    expect(await sweep(taking.client, { marks })).toMatchObject({ redelivered: 1 });
  });

  it('knows which answers a redelivery can fix', () => {
    expect([0, 408, 429, 500, 502, 504].every(isRedeliverable)).toBe(true);
    expect([400, 401, 403, 404, 413, 422].some(isRedeliverable)).toBe(false);
  });

  it('reads the next cursor from a Link header', () => {
    const link = '<https://api.github.com/app/hook/deliveries?per_page=100&cursor=v1_42>; rel="next"';
    expect(nextCursorOf(link)).toBe('v1_42');
    expect(nextCursorOf('<https://x/?cursor=v1_1>; rel="prev"')).toBeUndefined();
    expect(nextCursorOf(undefined)).toBeUndefined();
  });
});
