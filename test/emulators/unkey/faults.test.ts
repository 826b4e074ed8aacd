import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { ADMIN, call } from './unkey-fixture.js';

describe('Unkey emulator: faults', () => {
  let emulator: UnkeyEmulator;
  let admin: { keyId: string; key: string };
  let target: string;
  beforeEach(async () => {
    emulator = await startUnkeyEmulator();
    admin = emulator.addRootKey({ name: 'admin', permissions: ADMIN });
    target = emulator.addRootKey({ name: 'target', permissions: [] }).keyId;
  });
  afterEach(async () => {
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });

  it('server-error: a 500 envelope `times` times, then normal', async () => {
    emulator.fault('rootKeys.listKeys', { kind: 'server-error', times: 2 });
    for (let i = 0; i < 2; i++) {
      const answer = await call(emulator, 'rootKeys.listKeys', admin.key, {});
      expect(answer.status).toBe(500);
      expect(answer.body.error.status).toBe(500);
    }
    expect((await call(emulator, 'rootKeys.listKeys', admin.key, {})).status).toBe(200);
  });

  it('rate-limit: 429 problem+json with Retry-After', async () => {
    emulator.fault('*', { kind: 'rate-limit', retryAfterSeconds: 3 });
    const answer = await call(emulator, 'apis.getApi', admin.key, { apiId: 'api_missing0' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });

  it('latency: a delayed answer arrives after an undelayed one sent later', async () => {
    emulator.fault('apis.getApi', { kind: 'latency', ms: 300 });
    const order: string[] = [];
    const slow = call(emulator, 'apis.getApi', admin.key, { apiId: 'api_missing0' }).then((a) => {
      order.push('slow');
      return a;
    });
    await fetch(`${emulator.url}/v2/liveness`).then(() => order.push('liveness'));
    expect((await slow).status).toBe(404);
    expect(order).toEqual(['liveness', 'slow']);
  });

  it('option latencyMs delays every request', async () => {
    const slowEmulator = await startUnkeyEmulator({ latencyMs: 300 });
    const order: string[] = [];
    const slow = fetch(`${slowEmulator.url}/v2/liveness`).then(() => order.push('slow'));
    await fetch(`${emulator.url}/v2/liveness`).then(() => order.push('fast'));
    await slow;
    await slowEmulator.close();
    expect(order).toEqual(['fast', 'slow']);
  });

  it('drop-after-apply: the reroll happens, the client sees a network error', async () => {
    emulator.fault('rootKeys.rerollKey', { kind: 'drop-after-apply' });
    await expect(
      call(emulator, 'rootKeys.rerollKey', admin.key, { keyId: target, expiration: 0 }),
    ).rejects.toThrow();
    expect(emulator.rootKeys().filter((k) => k.name === 'target')).toHaveLength(2);
    expect(emulator.rootKey(target)!.expires).not.toBeNull();
    expect(emulator.requests.at(-1)).toMatchObject({ op: 'rootKeys.rerollKey', status: 0 });
  });
});
