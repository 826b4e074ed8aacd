import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';
import { AUTOMATIC_RUN, outcomesOf, expectDetailsMatchSchemas } from './playbook-support.js';

const PERMISSIONS = ['api.*.create_key', 'api.*.read_key'];

describe('the automatic path (rootKeys API available)', () => {
  const h = useHarness(4101, { unkey: { keyCacheMs: 1_500 } });

  /** Root keys named `name` that Unkey still accepts. */
  const liveKeys = (name: string) =>
    h.unkey
      .rootKeys()
      .filter((k) => k.name === name && !k.deleted && (k.expires === null || k.expires > Date.now()));

  it('rerolls the key, sets the deploy secret, confirms it dead, audits and reports', async () => {
    const repo = await h.createRepo('auto');
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'production', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);

    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    // Unkey: the leaked key expired at once; one new key with the same name and permissions.
    expect(h.unkey.rootKey(leaked.keyId)!.expires).not.toBeNull();
    const [replacement] = liveKeys('production');
    expect(liveKeys('production')).toHaveLength(1);
    expect(replacement!.permissions).toEqual(PERMISSIONS);
    // GitHub: the secret holds the replacement (compared by Unkey's own hash of it).
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(value && fingerprintKey(value)).toBe(replacement!.hash);
    expect(state.steps.get('contain')!.detail).toMatchObject({
      newKeyId: replacement!.keyId,
      newFingerprint: replacement!.hash,
    });
    const incident = await h.incidents.get(incidentId);
    expect(incident).toMatchObject({ status: 'contained', run: 1 });
    expect(incident!.timeToContainMs).toBeGreaterThan(0);
    // The three clocks from the first webhook: the reroll answered, every target set, a probe saw it dead.
    const received = Date.parse(incident!.firstReceivedAt!);
    expect(incident!.timeToRevokeMs).toBe(Date.parse(incident!.revokedAt!) - received);
    expect(incident!.timeToDeployedMs).toBe(Date.parse(incident!.deployedAt!) - received);
    expect(incident!.timeToContainMs).toBe(Date.parse(incident!.containedAt!) - received);
    expect(incident!.timeToRevokeMs!).toBeLessThanOrEqual(incident!.timeToDeployedMs!);
    // The key cache (1.5 s fresh) kept the revoked key working a while: confirmed after the revoke.
    expect(incident!.timeToRevokeMs!).toBeLessThan(incident!.timeToContainMs!);
    expect(await h.runs.timeline(incidentId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: 'step-done', step: 'contain' })]),
    );
  });

  it('finds the replacement of a reroll whose answer was lost: one live replacement, never two', async () => {
    const repo = await h.createRepo('lost-answer');
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'lost-answer', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    h.unkey.fault('rootKeys.rerollKey', { kind: 'drop-after-apply', times: 1 });
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);

    expect(outcomesOf(state)).toMatchObject({ contain: 'done', distribute: 'done', confirm: 'done' });
    const live = liveKeys('lost-answer');
    expect(live).toHaveLength(1);
    const contain = state.steps.get('contain')!.detail!;
    expect(contain['orphansRevoked']).toHaveLength(1);
    expect(contain['newKeyId']).toBe(live[0]!.keyId);
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(value && fingerprintKey(value)).toBe(live[0]!.hash);
  });

  it("marks a secret manual, naming it, when GitHub's public key changed between sealing and the PUT (422)", async () => {
    const repo = await h.createRepo('rotated-public-key');
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const before = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'rotated', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    // Public keys are read before the reroll: rotate GitHub's while the reroll is on its way
    // (held at Unkey until rotated, so a slow poll cannot miss the window).
    let rotated: () => void = () => undefined;
    h.unkey.fault('rootKeys.rerollKey', {
      kind: 'latency',
      until: new Promise<void>((resolve) => (rotated = resolve)),
      times: 1,
    });
    const incidentId = incidentIdFor(fingerprintKey(leaked.key));
    const leaking = leakInPush(h, repo, leaked.key);
    try {
      await expect
        .poll(
          async () => {
            const contain = (await h.runs.currentRun(incidentId))?.steps.get('contain');
            return contain?.outcome === undefined && contain?.detail?.['rerollRequestedAt'] !== undefined;
          },
          { interval: 10, timeout: 15_000 },
        )
        .toBe(true);
      h.emulator.rotatePublicKey({ scope: 'repo', repo });
    } finally {
      rotated();
    }
    await leaking;
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);

    expect(outcomesOf(state)).toMatchObject({ contain: 'done', distribute: 'manual', confirm: 'done' });
    const distribute = state.steps.get('distribute')!;
    expect(distribute.instruction).toContain(`repository secret UNKEY_ROOT_KEY in ${repo}`);
    expect(distribute.instruction).toContain(`rootguard deliver --incident ${incidentId}`);
    expect(h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY')).toBe(before);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });
  });

  it("waits out Unkey's 429 (honouring Retry-After) and 5xx, then contains", async () => {
    const repo = await h.createRepo('flaky-unkey');
    const leaked = h.unkey.addRootKey({ name: 'flaky', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    h.unkey.fault('rootKeys.rerollKey', { kind: 'rate-limit', retryAfterSeconds: 2, times: 1 });
    h.unkey.fault('rootKeys.listKeys', { kind: 'server-error', times: 1 });
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);

    expect(outcomesOf(state)).toMatchObject({ identify: 'done', contain: 'done', confirm: 'done' });
    expect(liveKeys('flaky')).toHaveLength(1);
    // The step's clock runs from its first try: the retry came no sooner than Retry-After.
    expect(state.steps.get('contain')!.durationMs).toBeGreaterThanOrEqual(2_000);
  });

  it('merges a key seen again into its incident, and does not revoke it twice', async () => {
    const repo = await h.createRepo('again');
    const leaked = h.unkey.addRootKey({ name: 'again', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    await h.waitForPlaybook(incidentId, 1);
    await leakInPush(h, repo, leaked.key, 'deploy/copy.env');
    const second = await h.waitForPlaybook(incidentId, 2);

    expect(outcomesOf(second)).toMatchObject({
      verify: 'done',
      contain: 'skipped',
      confirm: 'done',
      report: 'done',
    });
    // The reroll (expiration 0) left the key expired: Unkey answers 403 forbidden with the time.
    expect(second.steps.get('verify')!.detail).toMatchObject({
      liveness: 'dead',
      expiredAt: expect.stringMatching(/Z$/),
    });
    expect(liveKeys('again')).toHaveLength(1);
    expect(await h.incidents.get(incidentId)).toMatchObject({
      occurrenceCount: 2,
      run: 2,
      status: 'contained',
    });
  });
});

describe('deploy targets from the inventory', () => {
  const inventory: { keyId?: string; key?: string } = {};
  const h = useHarness(4102, {
    operatorConfig: (unkey) => {
      Object.assign(inventory, unkey.addRootKey({ name: 'ci', permissions: PERMISSIONS }));
      return [
        'rootKeys:',
        '  - name: ci deploy key',
        `    keyId: ${inventory.keyId}`,
        '    deploy:',
        '      - { repo: acme/inventory, secret: UNKEY_ROOT_KEY }',
        '      - { repo: acme/inventory, environment: production, secret: UNKEY_PROD_KEY }',
        '      - { org: acme, secret: ORG_UNKEY_KEY }',
      ].join('\n');
    },
  });

  it('sets repository, environment and organisation secrets, keeping the organisation secret visibility', async () => {
    h.watchKey(inventory.key!);
    const repo = await h.createRepo('inventory');
    const other = await h.createRepo('sees-org-secret');
    h.emulator.addEnvironment(repo, 'production');
    h.emulator.addOrgSecret('acme', 'ORG_UNKEY_KEY', {
      visibility: 'selected',
      selectedRepos: [repo, other],
    });
    const { incidentId } = await leakInPush(h, repo, inventory.key!);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);

    expect(outcomesOf(state)).toMatchObject({ identify: 'done', contain: 'done', distribute: 'done' });
    expect(state.steps.get('identify')!.detail).toMatchObject({
      inventoryName: 'ci deploy key',
      deploySource: 'inventory',
    });
    const replacement = h.unkey.rootKeys().find((k) => k.name === 'ci' && k.keyId !== inventory.keyId)!;
    const values = [
      h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY'),
      h.emulator.secretValue({ scope: 'environment', repo, environment: 'production' }, 'UNKEY_PROD_KEY'),
      h.emulator.secretValue({ scope: 'org', org: 'acme' }, 'ORG_UNKEY_KEY'),
    ];
    expect(values.map((v) => v && fingerprintKey(v))).toEqual([
      replacement.hash,
      replacement.hash,
      replacement.hash,
    ]);
    expect(h.emulator.secretInfo({ scope: 'org', org: 'acme' }, 'ORG_UNKEY_KEY')).toMatchObject({
      visibility: 'selected',
      selectedRepos: expect.arrayContaining([repo, other]),
    });
  });
});
