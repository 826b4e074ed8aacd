import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { ADMIN, call, manualClock } from './unkey-fixture.js';

describe('Unkey emulator: APIs and API keys', () => {
  const clock = manualClock();
  let emulator: UnkeyEmulator;
  let admin: { keyId: string; key: string };
  let apiId: string;
  beforeEach(async () => {
    emulator = await startUnkeyEmulator({ now: clock.now });
    admin = emulator.addRootKey({ name: 'admin', permissions: ADMIN });
    apiId = emulator.addApi({ name: 'payments' });
  });
  afterEach(async () => {
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });

  it('apis.listKeys pages by cursor in key id order', async () => {
    for (let i = 0; i < 5; i++) emulator.addApiKey(apiId, { name: `k${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await call(emulator, 'apis.listKeys', admin.key, {
        apiId,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.status).toBe(200);
      seen.push(...(page.body.data as { keyId: string }[]).map((k) => k.keyId));
      if (!page.body.pagination.hasMore) break;
      cursor = page.body.pagination.cursor as string;
    }
    expect(seen).toEqual(
      emulator
        .apiKeys(apiId)
        .map((k) => k.keyId)
        .sort(),
    );
  });

  it('keys.getKey and keys.updateKey replace meta and record updatedAt and the actor', async () => {
    const { keyId } = emulator.addApiKey(apiId, { name: 'user', meta: { plan: 'free', seat: 1 } });
    clock.advance(5_000);
    const update = await call(emulator, 'keys.updateKey', admin.key, { keyId, meta: { plan: 'pro' } });
    expect(update.status).toBe(200);
    const got = await call(emulator, 'keys.getKey', admin.key, { keyId });
    expect(got.body.data).toMatchObject({
      keyId,
      name: 'user',
      meta: { plan: 'pro' },
      updatedAt: clock.now(),
    });
    expect(emulator.auditLog()).toEqual([
      expect.objectContaining({
        event: 'key.update',
        actor: { type: 'root_key', id: admin.keyId, name: 'admin' },
        resources: [
          { type: 'key', id: keyId, name: 'user' },
          { type: 'api', id: apiId },
        ],
      }),
    ]);
  });

  it('keys.rerollKey returns a new key and expires the old one after `expiration`', async () => {
    const { keyId } = emulator.addApiKey(apiId, { name: 'user' });
    const reroll = await call(emulator, 'keys.rerollKey', admin.key, { keyId, expiration: 60_000 });
    expect(reroll.status).toBe(200);
    expect(emulator.apiKeys(apiId).find((k) => k.keyId === keyId)!.expires).toBe(clock.now() + 60_000);
    expect(emulator.apiKeys(apiId).find((k) => k.keyId === reroll.body.data.keyId)).toMatchObject({
      name: 'user',
    });
  });

  it('keys.createKey needs create_key and an existing API', async () => {
    const reader = emulator.addRootKey({ permissions: ['api.*.read_key'] }).key;
    expect((await call(emulator, 'keys.createKey', reader, { apiId })).status).toBe(403);
    expect((await call(emulator, 'keys.createKey', admin.key, { apiId: 'api_missing0' })).status).toBe(404);
    const created = await call(emulator, 'keys.createKey', admin.key, { apiId, prefix: 'acme', name: 'n' });
    expect(created.status).toBe(200);
    expect(emulator.apiKeys(apiId)).toHaveLength(1);
  });
});
