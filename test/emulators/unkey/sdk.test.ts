import { Unkey } from '@unkey/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { ADMIN } from './unkey-fixture.js';

describe('Unkey emulator: the official SDK talks to it', () => {
  let emulator: UnkeyEmulator;
  let unkey: Unkey;
  let apiId: string;
  beforeAll(async () => {
    emulator = await startUnkeyEmulator();
    apiId = emulator.addApi({ name: 'payments' });
    const { key } = emulator.addRootKey({ name: 'admin', permissions: ADMIN });
    unkey = new Unkey({ rootKey: key, serverURL: emulator.url, retryConfig: { strategy: 'none' } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('apis.getApi, keys.createKey, keys.getKey, keys.updateKey, apis.listKeys', async () => {
    expect((await unkey.apis.getApi({ apiId })).data).toEqual({ id: apiId, name: 'payments' });
    const created = await unkey.keys.createKey({ apiId, name: 'user', meta: { plan: 'free' } });
    const keyId = created.data.keyId;
    await unkey.keys.updateKey({ keyId, meta: { plan: 'pro' } });
    expect((await unkey.keys.getKey({ keyId })).data).toMatchObject({ keyId, meta: { plan: 'pro' } });
    const list = await unkey.apis.listKeys({ apiId });
    expect(list.result.data.map((k) => k.keyId)).toEqual([keyId]);
    expect(emulator.violations).toEqual([]);
  });

  it('a missing API is the SDK NotFound error', async () => {
    const before = emulator.requests.length;
    await expect(unkey.apis.getApi({ apiId: 'api_missing0' })).rejects.toMatchObject({ statusCode: 404 });
    expect(emulator.requests.length - before).toBe(1);
    expect(emulator.violations).toEqual([]);
  });
});
