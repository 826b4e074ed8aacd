import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { deliverFromStdin } from '../../src/cli/runtime/deliver-from-stdin.js';
import { createLogger } from '../../src/log/create-logger.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';
import { outcomesOf, expectDetailsMatchSchemas } from './playbook-support.js';

describe("the assisted path (today's published Unkey: no root key API)", () => {
  const h = useHarness(4201, { unkey: { upcoming: false } });

  it('asks a human to rotate, sees the key die, and distributes the key given to `rootguard deliver`', async () => {
    const repo = await h.createRepo('assisted');
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'production', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);

    // The playbook waits on contain with the dashboard instruction.
    const waiting = (await h.waitForParked(incidentId)).steps.get('contain')!;
    expect(waiting.waitingFor).toBe('a human to revoke the key');
    expect(waiting.instruction).toContain(`rootguard deliver --incident ${incidentId}`);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });

    // A human rotates it in the dashboard; the job's next look (woken here) sees it dead.
    const rotated = h.unkey.rotateRootKeyByHand(leaked.keyId);
    h.watchKey(rotated.key);
    await (await h.playbookQueue.getJob(incidentId))!.promote();
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    expect(outcomesOf(state)).toMatchObject({
      identify: 'done',
      contain: 'done',
      distribute: 'manual',
      confirm: 'done',
      audit: 'manual',
    });
    expect(state.steps.get('identify')!.detail).toMatchObject({ path: 'assisted' });
    // The dashboard rotation left the key expired (403 forbidden, with the time): that is dead.
    expect(state.steps.get('contain')!.detail).toMatchObject({
      path: 'assisted',
      expiredAt: expect.any(String),
    });
    const contained = (await h.incidents.get(incidentId))!;
    expect(contained.timeToRevokeMs).toBeGreaterThanOrEqual(0);
    expect(contained.revokedAt! <= contained.containedAt!).toBe(true);
    expect(contained.deployedAt).toBeUndefined();

    const record = await deliverFromStdin({
      env: h.env as NodeJS.ProcessEnv,
      stdin: Readable.from([`${rotated.key}\n`]),
      incidentId,
      prefix: h.prefix,
      log: createLogger({ level: 'silent' }),
    });
    expect(record).toMatchObject({ step: 'distribute', outcome: 'done' });
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(value && fingerprintKey(value)).toBe(fingerprintKey(rotated.key));
    expect((await h.runs.currentRun(incidentId))!.steps.get('distribute')!.outcome).toBe('done');
    // `deliver` set every target: the deployed clock stops then.
    const delivered = (await h.incidents.get(incidentId))!;
    expect(delivered.timeToDeployedMs).toBe(
      Date.parse(delivered.deployedAt!) - Date.parse(delivered.firstReceivedAt!),
    );
  });

  it('refuses to deliver the leaked key itself, or a key Unkey does not accept', async () => {
    const repo = await h.createRepo('deliver-refusals');
    const leaked = h.unkey.addRootKey({ name: 'refusals', permissions: [] });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    expect((await h.waitForParked(incidentId)).steps.get('contain')?.waitingFor).toBeDefined();
    const deliver = (key: string) =>
      deliverFromStdin({
        env: h.env as NodeJS.ProcessEnv,
        stdin: Readable.from([key]),
        incidentId,
        prefix: h.prefix,
        log: createLogger({ level: 'silent' }),
      });
    await expect(deliver(leaked.key)).rejects.toThrow(/is the leaked key/);
    await expect(deliver(h.newKey())).rejects.toThrow(/Unkey does not accept/);
    await expect(deliver('no key here')).rejects.toThrow(/no Unkey root key/);
    h.unkey.deleteRootKeyByHand(leaked.keyId);
    await (await h.playbookQueue.getJob(incidentId))!.promote();
    await h.waitForPlaybook(incidentId);
  });

  it('records "already revoked" for a key Unkey already rejects, and contains nothing', async () => {
    const repo = await h.createRepo('already-dead');
    const leaked = h.unkey.addRootKey({ name: 'dead', permissions: [] });
    h.watchKey(leaked.key);
    h.unkey.deleteRootKeyByHand(leaked.keyId);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    expect(outcomesOf(state)).toMatchObject({
      verify: 'done',
      contain: 'skipped',
      distribute: 'skipped',
      confirm: 'done',
    });
    expect(state.steps.get('verify')!.summary).toContain('already revoked');
  });
});

describe('identity and the responder key', () => {
  const h = useHarness(4202, { unkey: { upcoming: true } });

  it('takes the assisted path when two root keys start and end like the leaked one', async () => {
    const repo = await h.createRepo('ambiguous');
    const leaked = h.unkey.addRootKey({ name: 'one', permissions: [] });
    h.watchKey(leaked.key);
    // A twin with the same stored start and end (rare, but Unkey's list shows only those).
    const twin = h.unkey.addRootKey({ name: 'two', permissions: [] });
    h.watchKey(twin.key);
    h.unkey.setStoredEnds(twin.keyId, leaked.key.slice(0, 8), leaked.key.slice(-4));
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    // Identified, then parked on contain (waiting for a human): only a parked job can be woken.
    const identify = (await h.waitForParked(incidentId)).steps.get('identify')!;
    expect(identify.outcome).toBe('done');
    expect(identify.detail).toMatchObject({ path: 'assisted', candidates: 2 });
    expect(identify.summary).toContain('will not guess');
    expect(h.unkey.rootKey(leaked.keyId)!.expires).toBeNull();
    h.unkey.deleteRootKeyByHand(leaked.keyId);
    await (await h.playbookQueue.getJob(incidentId))!.promote();
    await h.waitForPlaybook(incidentId);
  });
});

describe('a rejected responder key', () => {
  const h = useHarness(4203, { unkey: { upcoming: true }, responder: ['api.*.read_api'] });

  it('says what a human must do and changes nothing when Unkey refuses rootguard (401/403)', async () => {
    const repo = await h.createRepo('refused');
    const leaked = h.unkey.addRootKey({ name: 'refused', permissions: ['api.*.create_key'] });
    h.watchKey(leaked.key);
    h.unkey.deleteRootKeyByHand(h.responderKeyId!); // rootguard's own key is now rejected (401)
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    // Identified, then parked on contain (waiting for a human): only a parked job can be woken.
    const identify = (await h.waitForParked(incidentId)).steps.get('identify')!;
    expect(identify.outcome).toBe('done');
    expect(identify.detail).toMatchObject({ path: 'assisted' });
    expect(identify.summary).toContain("rejected rootguard's own UNKEY_ROOT_KEY (401");
    expect(h.unkey.rootKeys().filter((k) => k.name === 'refused')).toHaveLength(1);
    expect(h.unkey.rootKey(leaked.keyId)!.expires).toBeNull();
    h.unkey.deleteRootKeyByHand(leaked.keyId);
    await (await h.playbookQueue.getJob(incidentId))!.promote();
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    expect(outcomesOf(state)).toMatchObject({ contain: 'done', audit: 'manual' });
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });
  });
});
