import { describe, expect, it, vi } from 'vitest';
import { WaitRequest } from '../../../src/playbook/errors.js';
import type { ContainDetail } from '../../../src/playbook/step-details.js';
import { ASSISTED_POLL_MS, containStep } from '../../../src/playbook/steps/contain.js';
import { UnkeyRequestError, UnkeyResponseError, UnkeyRetryableError } from '../../../src/unkey/errors.js';
import type { RootKeyInfo } from '../../../src/unkey/upcoming-client.js';
import { KeyGenerator } from '../../support/keygen.js';
import { findKeyMaterial } from '../../support/secret-canary.js';
import { createFakeGitHub } from './fake-github.js';
import {
  INCIDENT_ID,
  NOW,
  REPO,
  secret,
  stepContext,
  stored,
  type EarlierSteps,
  type StepContextOptions,
} from './step-context-fixture.js';
import { useUnkeyEmulator } from './unkey-emulator-fixture.js';

const gen = new KeyGenerator(1306);
const unkey = useUnkeyEmulator();
const TARGET = { scope: 'repo', repo: REPO, name: 'UNKEY_ROOT_KEY' } as const;
const RESPONDER = ['rootKeys.*.read', 'rootKeys.*.write', 'rootKeys.*.delete', 'api.*.read_key'];
const HOUR = 3_600_000;

/** What verify, identify and gate recorded before an automatic containment of `keyId`. */
function automaticFor(keyId: string, deploy: readonly object[] = [], name = 'prod'): EarlierSteps {
  return {
    verify: { outcome: 'done', detail: { liveness: 'live' } },
    identify: {
      outcome: 'done',
      detail: {
        path: 'automatic',
        keyId,
        name,
        deploy,
        deploySource: deploy.length ? 'inventory' : 'none',
      },
    },
    gate: { outcome: 'done', detail: { mode: 'auto', proceed: true } },
  };
}

const ASSISTED: EarlierSteps = {
  verify: { outcome: 'done', detail: { liveness: 'live' } },
  identify: {
    outcome: 'done',
    detail: { path: 'assisted', assistedReason: 'No root key API.', deploy: [], deploySource: 'none' },
  },
  gate: { outcome: 'done', detail: { mode: 'auto', proceed: true } },
};

function containing(options: Omit<StepContextOptions, 'key'> & { key?: string | null }) {
  return stepContext({ key: gen.rootKey(), ...options });
}

describe('contain, automatic, through the Unkey emulator', () => {
  it('rerolls the leaked key, seals the replacement for each target, and records only its id, fingerprint, mask and ciphertexts', async () => {
    const leaked = unkey.rootKey({ name: 'prod', permissions: ['api.*.read_key'] });
    const github = await createFakeGitHub();
    const ctx = stepContext({
      key: leaked.key,
      unkey: unkey.client(RESPONDER),
      github,
      earlier: automaticFor(leaked.keyId, [TARGET]),
    });
    const result = stored(await containStep.run(ctx));
    const detail = result.detail as unknown as ContainDetail;
    expect(result.outcome).toBe('done');
    // Checkpointed before the reroll went out, so a lost answer is found again, not repeated.
    expect(ctx.checkpoints).toEqual([
      { path: 'automatic', originalKeyId: leaked.keyId, rerollRequestedAt: NOW },
    ]);
    // The leaked key is expired in Unkey, the replacement has its permissions, and is what was recorded.
    expect(unkey.emulator.rootKey(leaked.keyId)?.expires).toBe(NOW);
    const replacement = unkey.emulator.rootKey(detail.newKeyId ?? '');
    expect(replacement).toMatchObject({ name: 'prod', permissions: ['api.*.read_key'], expires: null });
    expect(detail).toEqual({
      path: 'automatic',
      originalKeyId: leaked.keyId,
      newKeyId: replacement?.keyId,
      newFingerprint: replacement?.hash,
      newMasked: expect.stringMatching(/^unkey_3Z…/),
      sealed: [{ target: TARGET, publicKeyId: expect.any(String), ciphertext: expect.any(String) }],
      sealFailures: [],
    });
    // The ciphertext opens, with GitHub's private key, to the replacement.
    expect(github.calls).toEqual([`getRepoPublicKey ${REPO}`]);
    expect(github.openSealed(REPO, detail.sealed?.[0]?.ciphertext ?? '')).toBe(replacement?.hash);
    expect(result.summary).toBe(
      `Rerolled ${leaked.keyId}: the leaked key is revoked and ${detail.newKeyId} (${detail.newMasked}) replaces it with the same permissions.`,
    );
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: new Date(NOW).toISOString(), timeToRevokeMs: 2_000 }]);
    expect(findKeyMaterial([['result', JSON.stringify(result)]], [leaked.key])).toEqual([]);
  });

  it("after a crash that lost the reroll's answer, finds the orphan, rerolls it, and leaves exactly one live replacement", async () => {
    const leaked = unkey.rootKey({ name: 'lost', permissions: ['api.*.read_key'] });
    const client = unkey.client(RESPONDER);
    unkey.emulator.fault('rootKeys.rerollKey', { kind: 'drop-after-apply' });
    const first = stepContext({
      key: leaked.key,
      unkey: client,
      earlier: automaticFor(leaked.keyId, [], 'lost'),
    });
    await expect(containStep.run(first)).rejects.toBeInstanceOf(UnkeyRetryableError);
    const orphan = unkey.emulator.rootKeys().find((k) => k.name === 'lost' && k.keyId !== leaked.keyId);
    expect(orphan).toBeDefined();

    const again = stepContext({
      key: leaked.key,
      unkey: client,
      earlier: automaticFor(leaked.keyId, [], 'lost'),
      progress: first.progressAfter(),
    });
    const result = stored(await containStep.run(again));
    const detail = result.detail as unknown as ContainDetail;
    expect(result.outcome).toBe('done');
    expect(detail).toMatchObject({
      originalKeyId: leaked.keyId,
      orphansRevoked: [orphan?.keyId],
      rerollRequestedAt: NOW,
    });
    // No second checkpoint: the recovery found what the first try did.
    expect(again.checkpoints).toEqual([]);
    const live = unkey.emulator
      .rootKeys()
      .filter((k) => k.name === 'lost' && !k.deleted && (k.expires === null || k.expires > NOW));
    expect(live.map((k) => k.keyId)).toEqual([detail.newKeyId]);
    expect(result.summary).toContain(
      `1 replacement(s) whose answer was lost were revoked (${orphan?.keyId})`,
    );
  });
});

describe('contain, decided by earlier steps', () => {
  it('a key verify found dead: skipped, nothing revoked twice, Unkey not called', async () => {
    const ctx = containing({
      earlier: { ...automaticFor('key_x'), verify: { outcome: 'done', detail: { liveness: 'dead' } } },
    });
    expect(stored(await containStep.run(ctx))).toEqual({
      outcome: 'skipped',
      summary: 'Already revoked before rootguard acted: not revoked twice.',
    });
  });

  it('a dry run: skipped, saying what it would do on either path', async () => {
    const dry = { gate: { outcome: 'done' as const, detail: { mode: 'dry-run', proceed: false } } };
    const auto = stored(
      await containStep.run(containing({ earlier: { ...automaticFor('key_dry', [TARGET]), ...dry } })),
    );
    expect(auto).toEqual({
      outcome: 'skipped',
      summary:
        'Dry run: would reroll key_dry with expiration 0 (revoking the leaked key at once) and seal the replacement for 1 deploy target(s).',
      detail: { dryRun: true },
    });
    const assisted = await containStep.run(containing({ earlier: { ...ASSISTED, ...dry } }));
    expect(assisted.summary).toBe('Dry run: would ask a human to rotate the key (No root key API.).');
  });

  it('not approved (onApproveTimeout stop): skipped, left to humans', async () => {
    const ctx = containing({
      earlier: {
        ...automaticFor('key_x'),
        gate: { outcome: 'manual', detail: { mode: 'approve', proceed: false } },
      },
    });
    expect(await containStep.run(ctx)).toEqual({
      outcome: 'skipped',
      summary: 'Containment was not approved: it is left to humans.',
    });
  });
});

describe("contain, automatic, Unkey's refusals", () => {
  it('the responder key lacks the permission (403): manual, nothing changed, what to grant and how to rotate by hand', async () => {
    const refused = new UnkeyRequestError('forbidden', 'rootKeys.rerollKey', 'no', { status: 403 });
    const ctx = containing({
      unkey: { rerollRootKey: () => Promise.reject(refused) },
      earlier: automaticFor('key_orig'),
    });
    const result = stored(await containStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe('rootguard could not reroll the key: nothing was changed in Unkey.');
    expect(result.detail).toEqual({ path: 'automatic' });
    expect(result.instruction).toMatch(
      /^rootguard's UNKEY_ROOT_KEY lacks the permission for rootKeys\.rerollKey \(403\): grant it rootKeys\/key_orig#write and #delete, and every permission of the leaked key\. Meanwhile: In the Unkey dashboard/,
    );
    expect(result.instruction).toContain(`(key_orig "prod")`);
    expect(result.instruction).toContain(`rootguard deliver --incident ${INCIDENT_ID}`);
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('the root key is gone (404): skipped, and the revoked clock stops', async () => {
    const gone = new UnkeyRequestError('not-found', 'rootKeys.rerollKey', 'gone', { status: 404 });
    const ctx = containing({
      unkey: { rerollRootKey: () => Promise.reject(gone) },
      earlier: automaticFor('key_gone'),
    });
    const result = stored(await containStep.run(ctx));
    expect(result).toEqual({
      outcome: 'skipped',
      summary: 'Unkey no longer has root key key_gone (deleted meanwhile); confirm checks that it is dead.',
      detail: { path: 'automatic' },
    });
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: new Date(NOW).toISOString(), timeToRevokeMs: 2_000 }]);
  });

  it('an answer that cannot be read is a lost answer: thrown as retryable, after the checkpoint', async () => {
    const ctx = containing({
      unkey: {
        rerollRootKey: () => Promise.reject(new UnkeyResponseError('rootKeys.rerollKey', 'not JSON')),
      },
      earlier: automaticFor('key_orig'),
    });
    const error = await containStep.run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnkeyRetryableError);
    expect(error).toMatchObject({ code: 'network-error', retryable: true });
    expect(ctx.progressAfter()).toEqual({
      path: 'automatic',
      originalKeyId: 'key_orig',
      rerollRequestedAt: NOW,
    });
  });

  it('a deploy target whose public key cannot be read: the reroll goes on, the target is a seal failure', async () => {
    const github = await createFakeGitHub();
    github.fail('getRepoPublicKey', 403, REPO, 'Resource not accessible by integration');
    const rerollRootKey = vi.fn(async () => ({ keyId: 'key_new', key: secret(gen.rootKey()) }));
    const ctx = containing({ unkey: { rerollRootKey }, github, earlier: automaticFor('key_orig', [TARGET]) });
    const detail = stored(await containStep.run(ctx)).detail as unknown as ContainDetail;
    expect(detail.sealed).toEqual([]);
    expect(detail.sealFailures).toEqual([
      {
        target: TARGET,
        error: `GitHub answered 403 (Resource not accessible by integration) for the public key of ${REPO}`,
        manual: expect.any(String),
      },
    ]);
  });
});

function listed(keyId: string, createdAt: number, expires: number | null = null): RootKeyInfo {
  return {
    keyId,
    name: 'prod',
    start: 'unkey_3Z',
    end: 'abcd',
    enabled: true,
    createdAt,
    lastUsedAt: 0,
    expires,
    permissions: [],
  };
}

describe('contain, run again after a crash (progress holds rerollRequestedAt)', () => {
  const requestedAt = NOW - 5_000;
  const progress = { path: 'automatic' as const, originalKeyId: 'key_orig', rerollRequestedAt: requestedAt };

  it('the original revoked and no replacement found: done, revoked, and a human sets a new key', async () => {
    const rerollRootKey = vi.fn();
    const ctx = containing({
      unkey: { listRootKeys: async () => [listed('key_orig', NOW - HOUR, requestedAt)], rerollRootKey },
      earlier: automaticFor('key_orig'),
      progress,
    });
    const result = stored(await containStep.run(ctx));
    expect(result).toEqual({
      outcome: 'done',
      summary: 'Root key key_orig is revoked, but no replacement was found: set a new key by hand.',
      detail: progress,
    });
    expect(rerollRootKey).not.toHaveBeenCalled();
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: new Date(NOW).toISOString(), timeToRevokeMs: 2_000 }]);
  });

  it('the original still valid and nothing new (the request was lost): checkpoints again and rerolls the original once', async () => {
    const rerollRootKey = vi.fn(async () => ({ keyId: 'key_new', key: secret(gen.rootKey()) }));
    const ctx = containing({
      unkey: { listRootKeys: async () => [listed('key_orig', NOW - HOUR)], rerollRootKey },
      earlier: automaticFor('key_orig'),
      progress,
    });
    const result = await containStep.run(ctx);
    expect(rerollRootKey.mock.calls).toEqual([['key_orig']]);
    expect(ctx.checkpoints).toEqual([
      { path: 'automatic', originalKeyId: 'key_orig', rerollRequestedAt: NOW },
    ]);
    expect(result.detail).toMatchObject({ newKeyId: 'key_new' });
    expect(result.detail).not.toHaveProperty('orphansRevoked');
  });

  it('several orphans: the newest is rerolled, the others deleted (one already gone is fine)', async () => {
    const rerollRootKey = vi.fn(async () => ({ keyId: 'key_final', key: secret(gen.rootKey()) }));
    const deleteRootKey = vi.fn(async (keyId: string) => {
      if (keyId === 'key_gone')
        throw new UnkeyRequestError('not-found', 'rootKeys.deleteKey', 'gone', { status: 404 });
    });
    const ctx = containing({
      unkey: {
        listRootKeys: async () => [
          listed('key_orig', NOW - HOUR, requestedAt),
          listed('key_gone', requestedAt + 100),
          listed('key_older', requestedAt + 200),
          listed('key_newest', requestedAt + 300),
        ],
        rerollRootKey,
        deleteRootKey,
      },
      earlier: automaticFor('key_orig'),
      progress,
    });
    const result = stored(await containStep.run(ctx));
    expect(rerollRootKey.mock.calls).toEqual([['key_newest']]);
    expect(deleteRootKey.mock.calls).toEqual([['key_older'], ['key_gone']]);
    expect(result.detail).toMatchObject({
      newKeyId: 'key_final',
      orphansRevoked: ['key_newest', 'key_older', 'key_gone'],
    });
  });

  it('a delete refused other than 404 is thrown (retried), not swallowed', async () => {
    const ctx = containing({
      unkey: {
        listRootKeys: async () => [
          listed('key_orig', NOW - HOUR, requestedAt),
          listed('key_a', requestedAt + 100),
          listed('key_b', requestedAt + 200),
        ],
        rerollRootKey: async () => ({ keyId: 'key_final', key: secret(gen.rootKey()) }),
        deleteRootKey: () =>
          Promise.reject(new UnkeyRetryableError('server-error', 'rootKeys.deleteKey', '500')),
      },
      earlier: automaticFor('key_orig'),
      progress,
    });
    await expect(containStep.run(ctx)).rejects.toBeInstanceOf(UnkeyRetryableError);
  });
});

describe('contain, assisted (a human rotates the key)', () => {
  it('the key cannot be read again to watch it: manual, with the rotation instruction', async () => {
    const ctx = containing({ key: null, earlier: ASSISTED });
    const result = stored(await containStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe(
      'No root key API. The key cannot be read again to watch it, so a human must confirm the revocation.',
    );
    expect(result.detail).toEqual({ path: 'assisted' });
    expect(result.instruction).toMatch(
      /^In the Unkey dashboard \(https:\/\/app\.unkey\.com\/settings\/root-keys\)/,
    );
  });

  it('a human rotated it (expired after the first webhook): done, seen dead, the clock at the expiry', async () => {
    const expiredAt = new Date(NOW - 1_000).toISOString();
    const ctx = containing({
      unkey: { probeLiveness: async () => ({ state: 'dead', status: 403, expiredAt }) },
      earlier: ASSISTED,
    });
    const result = stored(await containStep.run(ctx));
    expect(result).toEqual({
      outcome: 'done',
      summary: `A human revoked the key: Unkey says it expired on ${expiredAt}; rootguard saw it dead at ${new Date(NOW).toISOString()}.`,
      detail: { path: 'assisted', seenDeadAt: new Date(NOW).toISOString(), expiredAt },
    });
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: expiredAt, timeToRevokeMs: 1_000 }]);
  });

  it('a human deleted it: done, the clock when rootguard saw it dead', async () => {
    const ctx = containing({
      unkey: { probeLiveness: async () => ({ state: 'dead', status: 401 }) },
      earlier: ASSISTED,
    });
    const result = await containStep.run(ctx);
    expect(result.summary).toBe(
      `A human revoked the key; Unkey rejected it at ${new Date(NOW).toISOString()}.`,
    );
    expect(result.detail).toEqual({ path: 'assisted', seenDeadAt: new Date(NOW).toISOString() });
  });

  it('still live before the deadline: waits for a human (next look in 10 s), the incident needs a human', async () => {
    const ctx = containing({
      unkey: { probeLiveness: async () => ({ state: 'live', status: 404 }) },
      earlier: ASSISTED,
    });
    const error = await containStep.run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitRequest);
    expect(error).toMatchObject({ until: NOW + ASSISTED_POLL_MS, waitingFor: 'a human to revoke the key' });
    expect((error as WaitRequest).instruction).toContain(`rootguard deliver --incident ${INCIDENT_ID}`);
    expect(ctx.incidentUpdates).toEqual([{ status: 'needs-human' }]);
  });

  it('an answer that is not live (a disabled key) is named in what it waits for; the last wait ends on the deadline', async () => {
    const ctx = containing({
      unkey: {
        probeLiveness: async () => ({ state: 'disabled', status: 403, type: 'https://x/key_disabled' }),
      },
      earlier: ASSISTED,
      startedAt: NOW - 24 * HOUR + 3_000,
    });
    const error = (await containStep.run(ctx).catch((e: unknown) => e)) as WaitRequest;
    expect(error.until).toBe(NOW + 3_000);
    expect(error.waitingFor).toBe('a human to revoke the key (Unkey last answered 403 key_disabled)');
  });

  it('still live at the deadline (run again after 24 h of waits): manual', async () => {
    const ctx = containing({
      unkey: { probeLiveness: async () => ({ state: 'live', status: 404 }) },
      earlier: ASSISTED,
      startedAt: NOW - 24 * HOUR,
    });
    const result = stored(await containStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe('The key is still live 24 h after the instruction was given.');
    expect(result.detail).toEqual({ path: 'assisted' });
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('identify found the key but not its id: assisted, not automatic', async () => {
    const probeLiveness = vi.fn(async () => ({ state: 'dead' as const, status: 401 }));
    const ctx = containing({
      unkey: { probeLiveness },
      earlier: {
        ...ASSISTED,
        identify: { outcome: 'done', detail: { path: 'automatic', deploy: [], deploySource: 'none' } },
      },
    });
    expect((await containStep.run(ctx)).detail).toMatchObject({ path: 'assisted' });
    expect(probeLiveness).toHaveBeenCalledTimes(1);
  });
});
