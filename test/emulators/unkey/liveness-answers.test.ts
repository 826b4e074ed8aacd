// Each row of Unkey's answers to the liveness probe (issue 11 §1), as the emulator gives it and
// as rootguard's probe reads it: the emulator is only useful if it answers like the real server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { createUnkeyClient } from '../../../src/unkey/unkey-client.js';
import { ADMIN, call, manualClock } from './unkey-fixture.js';

const PROBE = { apiId: 'api_doesnotexist1' };
const ERRORS = 'https://unkey.com/docs/errors/unkey';

describe('Unkey emulator: the liveness probe answered as the real server does', () => {
  let emulator: UnkeyEmulator;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock();
    emulator = await startUnkeyEmulator({ now: clock.now });
  });
  afterEach(async () => {
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });

  /** The adapter's probe, against the emulator. */
  const probe = (key: string) =>
    createUnkeyClient({ baseUrl: emulator.url, rootKey: { reveal: () => key } }).probeLiveness({
      reveal: () => key,
    });

  it('a deleted key: 401 key_not_found, dead', async () => {
    const leaked = emulator.addRootKey({ permissions: ['api.*.read_api'] });
    emulator.deleteRootKeyByHand(leaked.keyId);
    const answer = await call(emulator, 'apis.getApi', leaked.key, PROBE);
    expect(answer.status).toBe(401);
    expect(answer.body.error.type).toBe(`${ERRORS}/authentication/key_not_found`);
    expect((await probe(leaked.key)).state).toBe('dead');
  });

  it('a disabled key: 403 key_disabled, disabled', async () => {
    const leaked = emulator.addRootKey({ permissions: ADMIN, enabled: false });
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).body.error.type).toBe(
      `${ERRORS}/authorization/key_disabled`,
    );
    expect((await probe(leaked.key)).state).toBe('disabled');
  });

  it('an expired key (a rotation without grace): 403 forbidden "the key has expired on <time>", dead since then', async () => {
    const leaked = emulator.addRootKey({ permissions: ['api.*.read_api'] });
    emulator.rotateRootKeyByHand(leaked.keyId);
    const expiredAt = new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    clock.advance(5_000);
    const answer = await call(emulator, 'apis.getApi', leaked.key, PROBE);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({
      type: `${ERRORS}/authorization/forbidden`,
      detail: `the key has expired on ${expiredAt}`,
    });
    expect(await probe(leaked.key)).toMatchObject({
      state: 'dead',
      expiredAt: new Date(expiredAt).toISOString(),
    });
  });

  it.each(['Rate limit exceeded', 'Key usage limit exceeded.', 'Forbidden'])(
    'a forbidden "%s" (injected): unknown, not dead and not live',
    async (detail) => {
      const leaked = emulator.addRootKey({ permissions: ['api.*.read_api'] });
      emulator.fault('apis.getApi', { kind: 'forbidden', detail, times: 2 });
      const answer = await call(emulator, 'apis.getApi', leaked.key, PROBE);
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({ type: `${ERRORS}/authorization/forbidden`, detail });
      expect(await probe(leaked.key)).toMatchObject({ state: 'unknown', detail });
    },
  );

  it('a disabled workspace: 403 workspace_disabled for every key until enabled again', async () => {
    const leaked = emulator.addRootKey({ permissions: ['api.*.read_api'] });
    emulator.setWorkspaceEnabled(false);
    const answer = await call(emulator, 'apis.getApi', leaked.key, PROBE);
    expect(answer.status).toBe(403);
    expect(answer.body.error.type).toBe(`${ERRORS}/authorization/workspace_disabled`);
    expect((await probe(leaked.key)).state).toBe('workspace-disabled');
    emulator.setWorkspaceEnabled(true);
    expect((await probe(leaked.key)).state).toBe('live');
  });

  it('an error type the probe does not know (injected): unknown, with its type and request id', async () => {
    const leaked = emulator.addRootKey({ permissions: ['api.*.read_api'] });
    emulator.fault('apis.getApi', { kind: 'unknown-error', detail: 'A new reason.' });
    const liveness = await probe(leaked.key);
    expect(liveness).toMatchObject({
      state: 'unknown',
      status: 403,
      type: `${ERRORS}/authorization/not_yet_known`,
      detail: 'A new reason.',
      requestId: expect.stringMatching(/^req_/),
    });
  });

  it('live: 404 api_not_found with read_api, 403 insufficient_permissions without', async () => {
    const reader = emulator.addRootKey({ permissions: ['api.*.read_api'] });
    const other = emulator.addRootKey({ permissions: ['api.*.create_key'] });
    expect((await probe(reader.key)).state).toBe('live');
    expect((await call(emulator, 'apis.getApi', other.key, PROBE)).body.error.type).toBe(
      `${ERRORS}/authorization/insufficient_permissions`,
    );
    expect((await probe(other.key)).state).toBe('live');
  });
});

describe('Unkey emulator: the key cache (fresh 10 s, then stale up to 10 min while it revalidates)', () => {
  let emulator: UnkeyEmulator;
  afterEach(async () => {
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });

  it('fresh: the old answer; first stale request: still the old one; the next: the revalidated one', async () => {
    const clock = manualClock();
    emulator = await startUnkeyEmulator({ now: clock.now, keyCacheMs: 10_000 });
    const leaked = emulator.addRootKey({ permissions: ['api.*.read_api'] });
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    emulator.rotateRootKeyByHand(leaked.keyId);
    clock.advance(9_999);
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    clock.advance(300_000);
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(403);
  });

  it('past the stale limit: looked up again at once', async () => {
    const clock = manualClock();
    emulator = await startUnkeyEmulator({ now: clock.now, keyCacheMs: 10_000 });
    const leaked = emulator.addRootKey({ permissions: ['api.*.read_api'] });
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    emulator.deleteRootKeyByHand(leaked.keyId);
    clock.advance(600_000);
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(401);
  });

  it('keyCacheStaleMs sets the stale limit', async () => {
    const clock = manualClock();
    emulator = await startUnkeyEmulator({ now: clock.now, keyCacheMs: 1_000, keyCacheStaleMs: 2_000 });
    const leaked = emulator.addRootKey({ permissions: ['api.*.read_api'] });
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    emulator.deleteRootKeyByHand(leaked.keyId);
    clock.advance(1_500);
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(404);
    emulator.setWorkspaceEnabled(false);
    clock.advance(2_000);
    expect((await call(emulator, 'apis.getApi', leaked.key, PROBE)).status).toBe(401);
  });
});
