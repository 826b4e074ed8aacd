import { describe, expect, it, vi } from 'vitest';
import { CONFIRM_PROBE_DELAYS_MS, confirmStep } from '../../../src/playbook/steps/confirm.js';
import { UnkeyRetryableError } from '../../../src/unkey/errors.js';
import type { Liveness } from '../../../src/unkey/probe-liveness.js';
import type { RootKeyInfo } from '../../../src/unkey/upcoming-client.js';
import { KeyGenerator } from '../../support/keygen.js';
import {
  NOW,
  stepContext,
  stored,
  type EarlierSteps,
  type StepContextOptions,
} from './step-context-fixture.js';

const gen = new KeyGenerator(1308);
const LIVE: Liveness = { state: 'live', status: 404 };
const DEAD: Liveness = { state: 'dead', status: 401 };

const CONTAINED: EarlierSteps = {
  verify: { outcome: 'done', detail: { liveness: 'live' } },
  identify: {
    outcome: 'done',
    detail: { path: 'automatic', keyId: 'key_ident', deploy: [], deploySource: 'none' },
  },
  gate: { outcome: 'done', detail: { mode: 'auto', proceed: true } },
  contain: { outcome: 'done', detail: { path: 'automatic', originalKeyId: 'key_orig', newKeyId: 'key_new' } },
};

/** A probe that answers `answers` in turn (the last one again after that). */
function answering(...answers: Liveness[]) {
  let i = 0;
  return vi.fn(async () => answers[Math.min(i++, answers.length - 1)] as Liveness);
}

function confirming(options: Omit<StepContextOptions, 'key'> & { key?: string | null }) {
  return stepContext({ key: gen.rootKey(), earlier: CONTAINED, ...options });
}

describe('confirm, probing the leaked key', () => {
  it('probes until Unkey rejects the key, backing off (on the fake clock), then records when it was confirmed', async () => {
    const probeLiveness = answering(LIVE, LIVE, DEAD);
    const ctx = confirming({ unkey: { probeLiveness } });
    const result = stored(await confirmStep.run(ctx));
    const confirmedAt = new Date(NOW + 750).toISOString();
    expect(result).toEqual({
      outcome: 'done',
      summary:
        'Revocation confirmed: Unkey rejects the key (probe 3). Time to contain (first report → a probe saw the key dead): 2750 ms.',
      detail: { confirmedAt, timeToContainMs: 2_750 },
    });
    expect(ctx.sleeps).toEqual([CONFIRM_PROBE_DELAYS_MS[0], CONFIRM_PROBE_DELAYS_MS[1]]);
    expect(probeLiveness).toHaveBeenCalledTimes(3);
    expect(ctx.incidentUpdates).toEqual([{ containedAt: confirmedAt, timeToContainMs: 2_750 }]);
  });

  it('an expired key names its expiry', async () => {
    const expiredAt = new Date(NOW).toISOString();
    const ctx = confirming({
      unkey: { probeLiveness: answering({ state: 'dead', status: 403, expiredAt }) },
    });
    expect((await confirmStep.run(ctx)).summary).toMatch(
      new RegExp(`^Revocation confirmed: Unkey rejects the key as expired on ${expiredAt} \\(probe 1\\)\\.`),
    );
  });

  it('still accepted at the deadline: manual escalation, with the probes counted and the waits cut to the deadline', async () => {
    const ctx = confirming({
      unkey: { probeLiveness: answering(LIVE) },
      policy: { confirmTimeoutMs: 3_000 },
    });
    const result = stored(await confirmStep.run(ctx));
    expect(result).toEqual({
      outcome: 'manual',
      summary: 'Escalation: Unkey still accepts the key 3 s after it was revoked (404).',
      instruction: `Check the root key ${ctx.incident.masked} in the Unkey dashboard now and delete it if it is still listed.`,
      detail: { liveness: 'live', answer: '404', probes: 5 },
    });
    expect(ctx.sleeps).toEqual([250, 500, 1_000, 1_250]);
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('an answer that proves nothing at the deadline is an escalation naming it, never a success', async () => {
    const ctx = confirming({
      unkey: {
        probeLiveness: answering({
          state: 'workspace-disabled',
          status: 403,
          detail: 'The workspace is disabled.',
        }),
      },
      policy: { confirmTimeoutMs: 1_000 },
    });
    const result = stored(await confirmStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe(
      'Escalation: Unkey does not confirm that the key is dead 1 s after it was revoked: its last answer was workspace-disabled (403: The workspace is disabled.).',
    );
    expect(result.detail).toMatchObject({ liveness: 'workspace-disabled' });
  });

  it('run again after a crash: the deadline counts from when the step first started, so it does not probe for another full timeout', async () => {
    const ctx = confirming({ unkey: { probeLiveness: answering(LIVE) }, startedAt: NOW - 2 * 60_000 });
    const result = await confirmStep.run(ctx);
    expect(result.outcome).toBe('manual');
    expect(result.detail).toMatchObject({ probes: 1 });
    expect(ctx.sleeps).toEqual([]);
  });

  it('the contained clock already set: not moved, and the summary gives no time', async () => {
    const ctx = confirming({
      unkey: { probeLiveness: answering(DEAD) },
      incident: { containedAt: new Date(NOW - 1_000).toISOString(), timeToContainMs: 1_000 },
    });
    const result = stored(await confirmStep.run(ctx));
    expect(result).toEqual({
      outcome: 'done',
      summary: 'Revocation confirmed: Unkey rejects the key (probe 1).',
      detail: { confirmedAt: new Date(NOW).toISOString() },
    });
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('a probe Unkey cannot answer is thrown for the queue to retry', async () => {
    const ctx = confirming({
      unkey: {
        probeLiveness: () => Promise.reject(new UnkeyRetryableError('rate-limited', 'apis.getApi', '429')),
      },
    });
    await expect(confirmStep.run(ctx)).rejects.toBeInstanceOf(UnkeyRetryableError);
  });

  it('containment skipped because Unkey had deleted the key (it recorded a path): probes all the same', async () => {
    const probeLiveness = answering(DEAD);
    const ctx = confirming({
      unkey: { probeLiveness },
      earlier: { ...CONTAINED, contain: { outcome: 'skipped', detail: { path: 'automatic' } } },
    });
    expect((await confirmStep.run(ctx)).outcome).toBe('done');
    expect(probeLiveness).toHaveBeenCalledTimes(1);
  });
});

describe('confirm, without probing', () => {
  it('a dry run: skipped, nothing was revoked', async () => {
    const ctx = confirming({
      earlier: { ...CONTAINED, gate: { outcome: 'done', detail: { mode: 'dry-run', proceed: false } } },
    });
    expect(stored(await confirmStep.run(ctx))).toEqual({
      outcome: 'skipped',
      summary: 'Dry run: the key was not revoked, so there is nothing to confirm.',
      detail: { dryRun: true },
    });
  });

  it('a key verify found dead: confirmed at once, without a probe', async () => {
    const ctx = confirming({
      earlier: { ...CONTAINED, verify: { outcome: 'done', detail: { liveness: 'dead' } } },
    });
    const result = stored(await confirmStep.run(ctx));
    expect(result.outcome).toBe('done');
    expect(result.summary).toMatch(
      /^Revocation confirmed: It was already rejected when rootguard first probed it\./,
    );
    expect(result.detail).toEqual({ confirmedAt: new Date(NOW).toISOString(), timeToContainMs: 2_000 });
  });

  it.each<[string, EarlierSteps['contain']]>([
    ['manual', { outcome: 'manual', detail: { path: 'assisted' } }],
    ['failed', { outcome: 'failed', detail: { error: 'x' } }],
  ])('containment %s: skipped, nothing was revoked yet', async (_, contain) => {
    const ctx = confirming({ earlier: { ...CONTAINED, contain } });
    expect(await confirmStep.run(ctx)).toEqual({
      outcome: 'skipped',
      summary: 'The key was not revoked by rootguard or a human yet: nothing to confirm.',
    });
  });

  it('containment skipped without acting (not approved): skipped', async () => {
    const ctx = confirming({ earlier: { ...CONTAINED, contain: { outcome: 'skipped' } } });
    expect((await confirmStep.run(ctx)).summary).toBe('Containment did not run: nothing to confirm.');
  });
});

function listed(keyId: string, expires: number | null): RootKeyInfo {
  return {
    keyId,
    name: null,
    start: 'unkey_3Z',
    end: 'abcd',
    enabled: true,
    createdAt: 0,
    lastUsedAt: 0,
    expires,
    permissions: [],
  };
}

describe("confirm by Unkey's root key list (the key cannot be read again)", () => {
  it.each<[string, RootKeyInfo[]]>([
    ['no longer listed', [listed('key_new', null)]],
    ['listed but expired', [listed('key_orig', NOW)]],
  ])('the original %s: confirmed', async (_, keys) => {
    const ctx = confirming({ key: null, unkey: { listRootKeys: async () => keys } });
    const result = stored(await confirmStep.run(ctx));
    expect(result.outcome).toBe('done');
    expect(result.summary).toMatch(
      /^Revocation confirmed: Root key key_orig is no longer valid in Unkey's list \(the key itself could not be read again to probe\)\./,
    );
  });

  it('the original still valid in the list: manual escalation', async () => {
    const ctx = confirming({ key: null, unkey: { listRootKeys: async () => [listed('key_orig', NOW + 1)] } });
    expect(stored(await confirmStep.run(ctx))).toEqual({
      outcome: 'manual',
      summary: 'Escalation: Unkey still lists key_orig as valid.',
      instruction: `Delete the root key key_orig (${ctx.incident.masked}) in the Unkey dashboard now.`,
    });
  });

  it("the assisted path names no original: identify's key id is looked up", async () => {
    const ctx = confirming({
      key: null,
      unkey: { listRootKeys: async () => [listed('key_ident', null)] },
      earlier: { ...CONTAINED, contain: { outcome: 'done', detail: { path: 'assisted' } } },
    });
    expect((await confirmStep.run(ctx)).summary).toBe('Escalation: Unkey still lists key_ident as valid.');
  });

  it('no key id, or no responder key to list with: manual, revocation unconfirmed', async () => {
    const noId = confirming({
      key: null,
      earlier: {
        ...CONTAINED,
        identify: { outcome: 'done', detail: { path: 'assisted' } },
        contain: { outcome: 'done', detail: { path: 'assisted' } },
      },
    });
    const noResponder = confirming({ key: null, responderConfigured: false });
    for (const ctx of [noId, noResponder]) {
      const result = stored(await confirmStep.run(ctx));
      expect(result).toEqual({
        outcome: 'manual',
        summary:
          'The key cannot be read again to probe it, and rootguard cannot list root keys: revocation is unconfirmed.',
        instruction: `Check in the Unkey dashboard that the root key ${ctx.incident.masked} is gone.`,
      });
    }
  });
});
