import { afterEach, describe, expect, it } from 'vitest';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { ADMIN, call, manualClock } from './unkey-fixture.js';

const PROBE = { apiId: 'api_doesnotexist1' };

describe('Unkey emulator: authentication and the liveness probe', () => {
  let emulator: UnkeyEmulator;
  afterEach(async () => {
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });

  it('apis.getApi: 404 live with read_api, 403 insufficient without, 403 disabled, 401 unknown', async () => {
    emulator = await startUnkeyEmulator();
    const reader = emulator.addRootKey({ name: 'reader', permissions: ['api.*.read_api'] }).key;
    const other = emulator.addRootKey({ name: 'other', permissions: ['api.*.create_key'] }).key;
    const disabled = emulator.addRootKey({ name: 'off', permissions: ADMIN, enabled: false }).key;
    const live = await call(emulator, 'apis.getApi', reader, PROBE);
    expect(live.status).toBe(404);
    expect(live.body.error.type).toBe('https://unkey.com/docs/errors/unkey/data/api_not_found');
    const lacking = await call(emulator, 'apis.getApi', other, PROBE);
    expect(lacking.status).toBe(403);
    expect(lacking.body.error.type).toBe(
      'https://unkey.com/docs/errors/unkey/authorization/insufficient_permissions',
    );
    const off = await call(emulator, 'apis.getApi', disabled, PROBE);
    expect(off.status).toBe(403);
    expect(off.body.error).toMatchObject({
      detail: 'The key is disabled.',
      type: 'https://unkey.com/docs/errors/unkey/authorization/key_disabled',
    });
    // A key the emulator never issued: a real-shaped one from a second emulator.
    const stranger = await startUnkeyEmulator();
    const unknown = stranger.addRootKey({ permissions: ADMIN }).key;
    await stranger.close();
    const dead = await call(emulator, 'apis.getApi', unknown, PROBE);
    expect(dead.status).toBe(401);
    expect(dead.body.error.type).toBe('https://unkey.com/docs/errors/unkey/authentication/key_not_found');
  });

  it('issues root keys in the current format and stores only the hash', async () => {
    emulator = await startUnkeyEmulator();
    const { keyId, key } = emulator.addRootKey({ name: 'ci', permissions: ADMIN });
    expect(key).toMatch(/^unkey_3Z[F-HJ-NP-Za-km-o][1-9A-HJ-NP-Za-km-z]{21}$/);
    const stored = emulator.rootKey(keyId)!;
    expect(stored.start).toBe(key.slice(0, 8));
    expect(stored.end).toBe(key.slice(-4));
    expect(JSON.stringify(emulator.rootKeys())).not.toContain(key);
  });

  it('reroll with expiration 0: the old key answers 403 expired at once, the new one works', async () => {
    emulator = await startUnkeyEmulator();
    const operator = emulator.addRootKey({ name: 'rootguard', permissions: ADMIN });
    const leaked = emulator.addRootKey({ name: 'leaked', permissions: ['api.*.read_api'] });
    const reroll = await call(emulator, 'rootKeys.rerollKey', operator.key, {
      keyId: leaked.keyId,
      expiration: 0,
    });
    expect(reroll.status).toBe(200);
    expect(reroll.body.data.keyId).not.toBe(leaked.keyId);
    const old = await call(emulator, 'apis.getApi', leaked.key, PROBE);
    expect(old.status).toBe(403);
    expect(old.body.error).toMatchObject({
      type: 'https://unkey.com/docs/errors/unkey/authorization/forbidden',
      detail: expect.stringMatching(/^the key has expired on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect((await call(emulator, 'apis.getApi', reroll.body.data.key as string, PROBE)).status).toBe(404);
    const replacement = emulator.rootKey(reroll.body.data.keyId as string)!;
    expect(replacement).toMatchObject({ name: 'leaked', permissions: ['api.*.read_api'], enabled: true });
  });

  it('with keyCacheMs, a revoked key still authenticates while fresh, and once more when stale', async () => {
    const clock = manualClock();
    emulator = await startUnkeyEmulator({ keyCacheMs: 10_000, now: clock.now });
    const operator = emulator.addRootKey({ name: 'rootguard', permissions: ADMIN });
    const leaked = emulator.addRootKey({ name: 'leaked', permissions: ['api.*.read_api'] });
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    clock.advance(1_000);
    await call(emulator, 'rootKeys.rerollKey', operator.key, { keyId: leaked.keyId, expiration: 0 });
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    clock.advance(8_999);
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    clock.advance(1);
    // Stale: the old answer once, while Unkey revalidates in the background; then the new one.
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(403);
  });

  it('accepts URN permissions for root-key routes', async () => {
    emulator = await startUnkeyEmulator();
    const urn = `unkey:v1:${emulator.workspaceId}:rootKeys/*#read`;
    const reader = emulator.addRootKey({ name: 'reader', permissions: [urn] }).key;
    const list = await call(emulator, 'rootKeys.listKeys', reader, {});
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    const write = await call(emulator, 'rootKeys.createKey', reader, { permissions: [] });
    expect(write.status).toBe(403);
  });
});
