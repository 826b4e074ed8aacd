import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { ADMIN, call } from './unkey-fixture.js';

describe('Unkey emulator: contract checks and routes', () => {
  let emulator: UnkeyEmulator;
  let admin: string;
  beforeAll(async () => {
    emulator = await startUnkeyEmulator();
    admin = emulator.addRootKey({ name: 'admin', permissions: ADMIN }).key;
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('a request the contract rejects gets a 400 BadRequest envelope and is a violation', async () => {
    const answer = await call(emulator, 'apis.getApi', admin, { apiId: 'x', extra: true });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      meta: { requestId: expect.stringMatching(/^req_/) },
      error: { status: 400, title: 'Bad Request', errors: expect.any(Array) },
    });
    expect(emulator.violations).toHaveLength(1);
    expect(emulator.violations[0]).toMatch(/^POST \/v2\/apis\.getApi: body/);
    emulator.violations.length = 0;
  });

  it('an unknown route answers 404 route_not_found', async () => {
    const answer = await call(emulator, 'nothing.here', admin, {});
    expect(answer.status).toBe(404);
    expect(answer.body.error).toEqual({
      title: 'Not Found',
      detail: 'The requested route does not exist.',
      status: 404,
      type: 'https://unkey.com/docs/errors/unkey/application/route_not_found',
    });
    emulator.violations.length = 0;
  });

  it('upcoming operations answer 404 when switched off, and serve again when on', async () => {
    emulator.setUpcoming(false);
    const off = await call(emulator, 'rootKeys.listKeys', admin, {});
    expect(off.status).toBe(404);
    expect(off.body.error.type).toBe('https://unkey.com/docs/errors/unkey/application/route_not_found');
    expect((await call(emulator, 'audit.getLogs', admin, {})).status).toBe(404);
    emulator.setUpcoming(true);
    expect((await call(emulator, 'rootKeys.listKeys', admin, {})).status).toBe(200);
    expect(emulator.violations).toEqual([]);
  });

  it('option upcoming: false starts with them off', async () => {
    const published = await startUnkeyEmulator({ upcoming: false });
    const key = published.addRootKey({ permissions: ADMIN }).key;
    expect(
      (await call(published, 'rootKeys.rerollKey', key, { keyId: 'key_abc', expiration: 0 })).status,
    ).toBe(404);
    await published.close();
  });

  it('GET /v2/liveness answers without auth', async () => {
    const res = await fetch(`${emulator.url}/v2/liveness`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ message: 'OK' });
  });

  it('records every request with its body as received, and when it arrived', async () => {
    const before = emulator.requests.length;
    const sent = Date.now();
    await call(emulator, 'apis.getApi', admin, { apiId: 'api_missing0' });
    expect(emulator.requests.slice(before)).toEqual([
      {
        method: 'POST',
        path: '/v2/apis.getApi',
        op: 'apis.getApi',
        status: 404,
        at: expect.any(Number),
        body: '{"apiId":"api_missing0"}',
      },
    ]);
    const at = emulator.requests.at(-1)!.at;
    expect(at).toBeGreaterThanOrEqual(sent);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(emulator.violations).toEqual([]);
  });
});
