import { describe, expect, it, vi } from 'vitest';
import { flagStep } from '../../../src/playbook/steps/flag.js';
import { UnkeyRequestError, UnkeyRetryableError } from '../../../src/unkey/errors.js';
import { KeyGenerator } from '../../support/keygen.js';
import {
  INCIDENT_ID,
  NOW,
  stepContext,
  stored,
  type EarlierSteps,
  type StepContextOptions,
} from './step-context-fixture.js';
import { useUnkeyEmulator } from './unkey-emulator-fixture.js';

const gen = new KeyGenerator(1310);
const unkey = useUnkeyEmulator();
const WRITER = ['api.*.read_key', 'api.*.update_key', 'api.*.create_key'];

interface Affected {
  keyId: string;
  apiId?: string;
  reasons: string[];
}

function audited(affected: Affected[]): EarlierSteps {
  return {
    gate: { outcome: 'done', detail: { mode: 'auto', proceed: true } },
    audit: { outcome: 'done', detail: { method: 'audit-log', window: { start: '', end: '' }, affected } },
  };
}

function flagging(options: Omit<StepContextOptions<'flag'>, 'key'>) {
  return stepContext<'flag'>({ key: gen.rootKey(), ...options });
}

/** Two API keys in a fresh API, as the audit reported them. */
function twoAffected(): { apiId: string; affected: Affected[] } {
  const apiId = unkey.emulator.addApi({ name: 'payments' });
  const a = unkey.emulator.addApiKey(apiId, { meta: { owner: 'team-a' } });
  const b = unkey.emulator.addApiKey(apiId);
  return {
    apiId,
    affected: [
      { keyId: a.keyId, apiId, reasons: ['key.create by the leaked key at T'] },
      { keyId: b.keyId, reasons: ['created while the root key was exposed', 'recoverable'] },
    ],
  };
}

describe('flag, through the Unkey emulator', () => {
  it('tags each affected key in its meta (keeping what was there), checkpointing each, and asks for a review', async () => {
    const { apiId, affected } = twoAffected();
    const [a, b] = affected as [Affected, Affected];
    const ctx = flagging({ unkey: unkey.client(WRITER), earlier: audited(affected) });
    const result = stored(await flagStep.run(ctx));
    const list = [
      `${a.keyId} (${apiId}): key.create by the leaked key at T`,
      `${b.keyId}: created while the root key was exposed; recoverable`,
    ];
    expect(result).toEqual({
      outcome: 'done',
      summary: 'Tagged 2 affected API key(s) for review (meta.rootguard).',
      instruction: `Review these API keys and reroll any you cannot vouch for:\n${list.join('\n')}`,
      detail: { handled: [a.keyId, b.keyId], affected: list },
    });
    expect(unkey.emulator.apiKeyData(a.keyId)?.['meta']).toEqual({
      owner: 'team-a',
      rootguard: { incident: INCIDENT_ID, reason: 'key.create by the leaked key at T' },
    });
    expect(unkey.emulator.apiKeyData(b.keyId)?.['meta']).toEqual({
      rootguard: { incident: INCIDENT_ID, reason: 'created while the root key was exposed; recoverable' },
    });
    expect(ctx.checkpoints).toEqual([{ handled: [a.keyId] }, { handled: [a.keyId, b.keyId] }]);
  });

  it('policy rerollAffected: rerolls each key, the old one expiring at once', async () => {
    const { apiId, affected } = twoAffected();
    const ctx = flagging({
      unkey: unkey.client(WRITER),
      earlier: audited(affected),
      policy: { rerollAffected: true },
    });
    const result = stored(await flagStep.run(ctx));
    expect(result.outcome).toBe('done');
    expect(result.summary).toBe('Rerolled 2 affected API key(s).');
    expect(result.instruction).toBeUndefined();
    const old = unkey.emulator.apiKeys(apiId).filter((k) => affected.some((a) => a.keyId === k.keyId));
    expect(old.map((k) => k.expires)).toEqual([NOW, NOW]);
  });

  it('the responder key may not update keys (403): manual, what was tagged before and the permissions to grant', async () => {
    const { affected } = twoAffected();
    const ctx = flagging({ unkey: unkey.client(['api.*.read_key']), earlier: audited(affected) });
    const result = stored(await flagStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe('0 of 2 API key(s) tagged; the rest were refused.');
    expect(result.instruction).toMatch(
      /^rootguard's UNKEY_ROOT_KEY lacks the permission for keys\.updateKey \(403, request req_\w+\): grant it api\.\*\.read_key and api\.\*\.update_key \(or api\.\*\.create_key to reroll\)\. Review these API keys:\n/,
    );
    expect(result.detail).toMatchObject({ handled: [] });
  });
});

describe('flag, with fakes', () => {
  const affected: Affected[] = [
    { keyId: 'key_1', reasons: ['r1'] },
    { keyId: 'key_2', reasons: ['r2'] },
  ];

  it('nothing affected: done, nothing handled', async () => {
    expect(stored(await flagStep.run(flagging({ earlier: audited([]) })))).toEqual({
      outcome: 'done',
      summary: 'No API key was affected.',
      detail: { handled: [] },
    });
    // An audit that recorded no list (it did not run) is read as none.
    expect((await flagStep.run(flagging({}))).summary).toBe('No API key was affected.');
  });

  it('a dry run: skipped, with what it would do to which keys', async () => {
    const ctx = flagging({
      earlier: {
        ...audited(affected),
        gate: { outcome: 'done', detail: { mode: 'dry-run', proceed: false } },
      },
      policy: { rerollAffected: true },
    });
    expect(stored(await flagStep.run(ctx))).toEqual({
      outcome: 'skipped',
      summary: 'Dry run: would reroll 2 API key(s).',
      detail: { dryRun: true, affected: ['key_1: r1', 'key_2: r2'] },
    });
  });

  it('no responder key: manual, with the list to review', async () => {
    const result = stored(
      await flagStep.run(flagging({ earlier: audited(affected), responderConfigured: false })),
    );
    expect(result).toEqual({
      outcome: 'manual',
      summary: '2 API key(s) affected; rootguard cannot tag them without UNKEY_ROOT_KEY.',
      instruction: 'Reroll or review these API keys:\nkey_1: r1\nkey_2: r2',
      detail: { handled: [] },
    });
  });

  it('run again after a crash: a key already handled is not tagged again', async () => {
    const updateApiKeyMeta = vi.fn(async () => undefined);
    const getApiKey = vi.fn(async (keyId: string) => ({
      keyId,
      start: 'acme_',
      createdAt: 0,
      enabled: true,
    }));
    const ctx = flagging({
      unkey: { getApiKey, updateApiKeyMeta },
      earlier: audited(affected),
      progress: { handled: ['key_1'] },
    });
    const result = await flagStep.run(ctx);
    expect(updateApiKeyMeta.mock.calls).toEqual([
      ['key_2', { rootguard: { incident: INCIDENT_ID, reason: 'r2' } }],
    ]);
    expect(getApiKey.mock.calls).toEqual([['key_2']]);
    expect(result.detail).toMatchObject({ handled: ['key_1', 'key_2'] });
    expect(ctx.checkpoints).toEqual([{ handled: ['key_1', 'key_2'] }]);
  });

  it('a key deleted meanwhile (404): manual, saying so, the keys handled before it kept', async () => {
    const rerollApiKey = vi.fn(async (keyId: string) => {
      if (keyId === 'key_2')
        throw new UnkeyRequestError('not-found', 'keys.rerollKey', 'gone', { status: 404 });
      return { keyId: `${keyId}_new` };
    });
    const ctx = flagging({
      unkey: { rerollApiKey },
      earlier: audited(affected),
      policy: { rerollAffected: true },
    });
    const result = stored(await flagStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe('1 of 2 API key(s) rerolled; the rest were refused.');
    expect(result.instruction).toBe(
      "Unkey no longer has keys.rerollKey's key (deleted meanwhile). Review these API keys:\nkey_1: r1\nkey_2: r2",
    );
    expect(result.detail).toEqual({ handled: ['key_1'], affected: ['key_1: r1', 'key_2: r2'] });
    expect(rerollApiKey.mock.calls).toEqual([
      ['key_1', 0],
      ['key_2', 0],
    ]);
  });

  it('Unkey failing (503) is thrown for the queue to retry, what was handled checkpointed', async () => {
    const rerollApiKey = vi.fn(async (keyId: string) => {
      if (keyId === 'key_2') throw new UnkeyRetryableError('server-error', 'keys.rerollKey', '503');
      return { keyId: `${keyId}_new` };
    });
    const ctx = flagging({
      unkey: { rerollApiKey },
      earlier: audited(affected),
      policy: { rerollAffected: true },
    });
    await expect(flagStep.run(ctx)).rejects.toBeInstanceOf(UnkeyRetryableError);
    expect(ctx.progressAfter()).toEqual({ handled: ['key_1'] });
  });
});
