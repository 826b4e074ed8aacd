import { describe, expect, it } from 'vitest';
import { MAX_API_KEYS, MAX_AUDIT_ENTRIES } from '../../src/unkey/unkey-client.js';
import { ok, testClient, unkey, useNock } from './unkey-nock.js';

useNock();

function rootKey(n: number) {
  return {
    keyId: `key_root${n}`,
    name: n % 2 ? `deploy ${n}` : null,
    start: 'unkey_3Z',
    end: `${1000 + n}`,
    enabled: true,
    createdAt: n,
    lastUsedAt: 0,
    expires: null,
    permissions: ['api.*.read_key'],
  };
}

function auditLog(n: number) {
  return {
    auditLogId: `log_${n}`,
    version: 'v1',
    time: '2026-01-01T00:00:00Z',
    insertedAt: '2026-01-01T00:00:01Z',
    event: 'key.update',
    description: `update ${n}`,
    outcome: 'success',
    source: 'api',
    actor: { type: 'key', id: 'key_leaked', meta: { secret: 'dropped' } },
    resources: [{ type: 'key', id: `key_${n}`, name: 'k', meta: { x: 1 } }],
    context: { ipAddress: '10.0.0.1' },
    meta: { dropped: true },
  };
}

function apiKey(n: number) {
  return { keyId: `key_api${n}xx`, start: 'acme_1', enabled: true, createdAt: n };
}

describe('pagination', () => {
  it('listRootKeys follows cursors to the last page', async () => {
    unkey()
      .post('/v2/rootKeys.listKeys', { limit: 100 })
      .reply(200, ok([rootKey(1), rootKey(2)], { cursor: 'c1', hasMore: true }));
    unkey()
      .post('/v2/rootKeys.listKeys', { limit: 100, cursor: 'c1' })
      .reply(200, ok([rootKey(3)], { cursor: 'c2', hasMore: true }));
    unkey()
      .post('/v2/rootKeys.listKeys', { limit: 100, cursor: 'c2' })
      .reply(200, ok([rootKey(4)], { hasMore: false }));
    const keys = await testClient().listRootKeys();
    expect(keys.map((k) => k.keyId)).toEqual(['key_root1', 'key_root2', 'key_root3', 'key_root4']);
    expect(keys[0]).toEqual(rootKey(1));
  });

  it('getAuditLogs sends the window and actor, reads every page, and drops meta', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const end = new Date('2026-01-01T01:00:00Z');
    const query = { actorId: 'key_leaked', start: start.toISOString(), end: end.toISOString(), limit: 100 };
    unkey()
      .post('/v2/audit.getLogs', query)
      .reply(200, ok([auditLog(1)], { cursor: 'a1', hasMore: true }));
    unkey()
      .post('/v2/audit.getLogs', { ...query, cursor: 'a1' })
      .reply(200, ok([auditLog(2)], { hasMore: false }));
    const { entries, truncated } = await testClient().getAuditLogs({ actorId: 'key_leaked', start, end });
    expect(truncated).toBe(false);
    expect(entries).toEqual(
      [1, 2].map((n) => ({
        auditLogId: `log_${n}`,
        time: '2026-01-01T00:00:00Z',
        event: 'key.update',
        description: `update ${n}`,
        actorId: 'key_leaked',
        actorType: 'key',
        resources: [{ type: 'key', id: `key_${n}`, name: 'k' }],
      })),
    );
    expect(JSON.stringify(entries)).not.toContain('meta');
  });

  it('getAuditLogs stops at the cap and says truncated', async () => {
    unkey()
      .post('/v2/audit.getLogs')
      .reply(200, ok([auditLog(1), auditLog(2)], { cursor: 'a1', hasMore: true }));
    unkey()
      .post('/v2/audit.getLogs')
      .reply(200, ok([auditLog(3), auditLog(4)], { cursor: 'a2', hasMore: true }));
    const client = testClient({ limits: { maxAuditEntries: 3 } });
    const { entries, truncated } = await client.getAuditLogs({
      actorId: 'key_leaked',
      start: new Date(0),
      end: new Date(1),
    });
    expect(entries.map((e) => e.auditLogId)).toEqual(['log_1', 'log_2', 'log_3']);
    expect(truncated).toBe(true);
  });

  it('listApiKeys follows cursors (through the SDK) and stops at the cap', async () => {
    unkey()
      .post(
        '/v2/apis.listKeys',
        (b: { apiId: string; limit: number; cursor?: string }) =>
          b.apiId === 'api_1234abcd' && b.limit === 100 && !b.cursor,
      )
      .reply(200, ok([apiKey(1), apiKey(2)], { cursor: 'k1', hasMore: true }));
    unkey()
      .post('/v2/apis.listKeys', (b: { cursor?: string }) => b.cursor === 'k1')
      .reply(200, ok([apiKey(3), apiKey(4)], { cursor: 'k2', hasMore: true }));
    const { keys, truncated } = await testClient({ limits: { maxApiKeys: 4 } }).listApiKeys('api_1234abcd');
    expect(keys.map((k) => k.keyId)).toEqual(['key_api1xx', 'key_api2xx', 'key_api3xx', 'key_api4xx']);
    expect(truncated).toBe(true);
  });

  it('listApiKeys under the cap is complete', async () => {
    unkey()
      .post('/v2/apis.listKeys')
      .reply(200, ok([apiKey(1)], { cursor: 'k1', hasMore: true }));
    unkey()
      .post('/v2/apis.listKeys')
      .reply(200, ok([apiKey(2)], { hasMore: false }));
    const { keys, truncated } = await testClient().listApiKeys('api_1234abcd');
    expect(keys).toEqual([apiKey(1), apiKey(2)]);
    expect(truncated).toBe(false);
  });

  it('a cursor handed back twice ends the read as truncated instead of looping', async () => {
    unkey()
      .post('/v2/rootKeys.listKeys')
      .reply(200, ok([rootKey(1)], { cursor: 'same', hasMore: true }));
    unkey()
      .post('/v2/rootKeys.listKeys')
      .reply(200, ok([rootKey(2)], { cursor: 'same', hasMore: true }));
    expect(await testClient().listRootKeys()).toHaveLength(2);
  });

  it('the default caps', () => {
    expect(MAX_AUDIT_ENTRIES).toBe(10_000);
    expect(MAX_API_KEYS).toBe(50_000);
  });
});
