import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { ADMIN, call } from './unkey-fixture.js';

describe('Unkey emulator: root keys and the audit log', () => {
  let emulator: UnkeyEmulator;
  let admin: { keyId: string; key: string };
  beforeEach(async () => {
    emulator = await startUnkeyEmulator();
    admin = emulator.addRootKey({ name: 'admin', permissions: ADMIN });
  });
  afterEach(async () => {
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });

  it('rootKeys.listKeys pages by key id and never returns secrets or hashes', async () => {
    for (let i = 0; i < 4; i++) emulator.addRootKey({ name: `k${i}`, permissions: ['api.*.read_api'] });
    const first = await call(emulator, 'rootKeys.listKeys', admin.key, { limit: 3 });
    expect(first.body.data).toHaveLength(3);
    expect(first.body.pagination.hasMore).toBe(true);
    const second = await call(emulator, 'rootKeys.listKeys', admin.key, {
      limit: 3,
      cursor: first.body.pagination.cursor,
    });
    expect(second.body.pagination).toEqual({ hasMore: false });
    const ids = [...first.body.data, ...second.body.data].map((k: { keyId: string }) => k.keyId);
    expect(ids).toEqual(
      emulator
        .rootKeys()
        .map((k) => k.keyId)
        .sort(),
    );
    expect(Object.keys(first.body.data[0] as object).sort()).toEqual(
      [
        'createdAt',
        'enabled',
        'end',
        'expires',
        'keyId',
        'lastUsedAt',
        'name',
        'permissions',
        'start',
      ].sort(),
    );
  });

  it('create, update (disable), delete: each is audited with the acting root key', async () => {
    const created = await call(emulator, 'rootKeys.createKey', admin.key, {
      name: 'ci',
      permissions: ['api.*.read_api'],
    });
    const keyId = created.body.data.keyId as string;
    const newKey = created.body.data.key as string;
    expect((await call(emulator, 'rootKeys.updateKey', admin.key, { keyId, enabled: false })).status).toBe(
      200,
    );
    const disabled = await call(emulator, 'apis.getApi', newKey, { apiId: 'api_missing0' });
    expect(disabled.body.error.type).toBe('https://unkey.com/docs/errors/unkey/authorization/key_disabled');
    expect((await call(emulator, 'rootKeys.deleteKey', admin.key, { keyId })).status).toBe(200);
    expect((await call(emulator, 'apis.getApi', newKey, { apiId: 'api_missing0' })).status).toBe(401);
    const log = emulator.auditLog();
    expect(log.map((e) => e.event)).toEqual(['root_key.create', 'root_key.update', 'root_key.delete']);
    for (const entry of log) {
      expect(entry.actor).toEqual({ type: 'root_key', id: admin.keyId, name: 'admin' });
      expect(entry).toMatchObject({ version: 'v1', outcome: 'success', source: 'platform', context: {} });
    }
    expect(JSON.stringify(log)).not.toContain(newKey);
  });

  it('a caller cannot grant permissions it does not hold', async () => {
    const limited = emulator.addRootKey({ permissions: ['rootKeys.*.write'] }).key;
    const answer = await call(emulator, 'rootKeys.createKey', limited, { permissions: ['api.*.create_key'] });
    expect(answer.status).toBe(403);
  });

  it('audit.getLogs filters by actor and event, ascending, with a forward cursor', async () => {
    const other = emulator.addRootKey({ name: 'other', permissions: ADMIN });
    const apiId = emulator.addApi({ name: 'payments' });
    const { keyId } = emulator.addApiKey(apiId);
    await call(emulator, 'keys.updateKey', other.key, { keyId, name: 'a' });
    await call(emulator, 'keys.updateKey', admin.key, { keyId, name: 'b' });
    await call(emulator, 'keys.rerollKey', other.key, { keyId, expiration: 0 });
    const page1 = await call(emulator, 'audit.getLogs', admin.key, { actorId: other.keyId, limit: 1 });
    expect(page1.body.data.map((e: { event: string }) => e.event)).toEqual(['key.update']);
    expect(page1.body.pagination.hasMore).toBe(true);
    const page2 = await call(emulator, 'audit.getLogs', admin.key, {
      actorId: other.keyId,
      cursor: page1.body.pagination.cursor,
    });
    expect(page2.body.data.map((e: { event: string }) => e.event)).toEqual(['key.reroll']);
    expect(page2.body.pagination).toEqual({ hasMore: false, cursor: expect.any(String) });
    const byEvent = await call(emulator, 'audit.getLogs', admin.key, { event: ['key.reroll'] });
    expect(byEvent.body.data).toHaveLength(1);
    const noRight = emulator.addRootKey({ permissions: ['api.*.read_api'] }).key;
    expect((await call(emulator, 'audit.getLogs', noRight, {})).status).toBe(403);
  });
});
