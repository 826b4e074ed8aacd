import { describe, expect, it, vi } from 'vitest';
import { Secret } from '../../src/detect/secret.js';
import { containStep } from '../../src/playbook/steps/contain.js';
import type { RootKeyInfo } from '../../src/unkey/upcoming-client.js';
import { UnkeyRequestError } from '../../src/unkey/errors.js';
import { KeyGenerator } from '../support/keygen.js';
import { stepContext } from './step-fixture.js';

const gen = new KeyGenerator(621);
const NOW = Date.parse('2026-11-27T12:00:00Z');
const AUTOMATIC = {
  verify: { outcome: 'done' as const, detail: { liveness: 'live' } },
  identify: {
    outcome: 'done' as const,
    detail: { path: 'automatic', keyId: 'key_orig', name: 'prod', deploy: [], deploySource: 'none' },
  },
  gate: { outcome: 'done' as const, detail: { mode: 'auto', proceed: true } },
};

function rootKey(keyId: string, createdAt: number, expires: number | null = null): RootKeyInfo {
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

describe('contain', () => {
  it('checkpoints the reroll before sending it, then records only the id, fingerprint and mask of the new key', async () => {
    const fresh = gen.rootKey();
    const rerollRootKey = vi.fn(async () => ({ keyId: 'key_new', key: new Secret(fresh) }));
    const ctx = stepContext({ key: gen.rootKey(), unkey: { rerollRootKey }, earlier: AUTOMATIC, now: NOW });
    const result = await containStep.run(ctx);
    expect(ctx.checkpoints).toEqual([
      { path: 'automatic', originalKeyId: 'key_orig', rerollRequestedAt: NOW },
    ]);
    expect(rerollRootKey).toHaveBeenCalledWith('key_orig');
    expect(result.outcome).toBe('done');
    expect(result.detail).toMatchObject({ newKeyId: 'key_new', sealed: [], sealFailures: [] });
    expect(JSON.stringify(result)).not.toContain(fresh.slice(8, -4));
  });

  it('after a lost answer, rerolls the orphan instead of the original and deletes any extra replacement', async () => {
    const requestedAt = NOW - 5_000;
    const listRootKeys = vi.fn(async () => [
      rootKey('key_orig', NOW - 86_400_000, requestedAt),
      rootKey('key_orphan1', requestedAt + 100),
      rootKey('key_orphan2', requestedAt + 200),
    ]);
    const rerollRootKey = vi.fn(async () => ({ keyId: 'key_final', key: new Secret(gen.rootKey()) }));
    const deleteRootKey = vi.fn(async () => undefined);
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: { listRootKeys, rerollRootKey, deleteRootKey },
      earlier: AUTOMATIC,
      progress: { path: 'automatic', originalKeyId: 'key_orig', rerollRequestedAt: requestedAt },
      now: NOW,
    });
    const result = await containStep.run(ctx);
    expect(rerollRootKey.mock.calls).toEqual([['key_orphan2']]);
    expect(deleteRootKey.mock.calls).toEqual([['key_orphan1']]);
    expect(result.detail).toMatchObject({
      newKeyId: 'key_final',
      orphansRevoked: ['key_orphan2', 'key_orphan1'],
    });
  });

  it('after a lost request (the original still valid, nothing new), rerolls the original once', async () => {
    const listRootKeys = vi.fn(async () => [rootKey('key_orig', NOW - 86_400_000)]);
    const rerollRootKey = vi.fn(async () => ({ keyId: 'key_new', key: new Secret(gen.rootKey()) }));
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: { listRootKeys, rerollRootKey },
      earlier: AUTOMATIC,
      progress: { path: 'automatic', originalKeyId: 'key_orig', rerollRequestedAt: NOW - 5_000 },
      now: NOW,
    });
    await containStep.run(ctx);
    expect(rerollRootKey.mock.calls).toEqual([['key_orig']]);
  });

  it('records manual, with what to grant, when Unkey refuses the responder key', async () => {
    const refused = new UnkeyRequestError('forbidden', 'rootKeys.rerollKey', 'insufficient permissions', {
      status: 403,
    });
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: { rerollRootKey: () => Promise.reject(refused) },
      earlier: AUTOMATIC,
      now: NOW,
    });
    const result = await containStep.run(ctx);
    expect(result.outcome).toBe('manual');
    expect(result.instruction).toContain('lacks the permission for rootKeys.rerollKey');
    expect(result.instruction).toContain('rootguard deliver --incident');
  });

  it('does not revoke a key that verify found dead, and writes nothing in a dry run', async () => {
    const key = gen.rootKey();
    const dead = await containStep.run(
      stepContext({
        key,
        unkey: {},
        earlier: { ...AUTOMATIC, verify: { outcome: 'done', detail: { liveness: 'dead' } } },
      }),
    );
    expect(dead).toMatchObject({ outcome: 'skipped' });
    const dry = await containStep.run(
      stepContext({
        key,
        unkey: {},
        earlier: { ...AUTOMATIC, gate: { outcome: 'done', detail: { mode: 'dry-run', proceed: false } } },
      }),
    );
    expect(dry.summary).toMatch(/^Dry run: would reroll key_orig/);
  });
});

describe('contain, an unreadable reroll answer', () => {
  it('is treated as a lost answer: retried through the recovery, not given up on', async () => {
    const { UnkeyResponseError, UnkeyRetryableError } = await import('../../src/unkey/errors.js');
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: {
        rerollRootKey: () => Promise.reject(new UnkeyResponseError('rootKeys.rerollKey', 'not JSON')),
      },
      earlier: AUTOMATIC,
      now: NOW,
    });
    await expect(containStep.run(ctx)).rejects.toBeInstanceOf(UnkeyRetryableError);
    expect(ctx.checkpoints).toEqual([
      { path: 'automatic', originalKeyId: 'key_orig', rerollRequestedAt: NOW },
    ]);
  });
});

describe('contain, a second lost answer', () => {
  it('does not count an orphan an earlier recovery already revoked, and tolerates one already deleted', async () => {
    const requestedAt = NOW - 10_000;
    const listRootKeys = vi.fn(async () => [
      rootKey('key_orig', NOW - 86_400_000, requestedAt),
      rootKey('key_revoked_orphan', requestedAt + 100, NOW - 5_000),
      rootKey('key_gone', requestedAt + 150),
      rootKey('key_live_orphan', requestedAt + 200),
    ]);
    const rerollRootKey = vi.fn(async () => ({ keyId: 'key_final', key: new Secret(gen.rootKey()) }));
    const deleteRootKey = vi.fn(() =>
      Promise.reject(new UnkeyRequestError('not-found', 'rootKeys.deleteKey', 'gone', { status: 404 })),
    );
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: { listRootKeys, rerollRootKey, deleteRootKey },
      earlier: AUTOMATIC,
      progress: { path: 'automatic', originalKeyId: 'key_orig', rerollRequestedAt: requestedAt },
      now: NOW,
    });
    const result = await containStep.run(ctx);
    expect(rerollRootKey.mock.calls).toEqual([['key_live_orphan']]);
    expect(deleteRootKey.mock.calls).toEqual([['key_gone']]);
    expect(result).toMatchObject({ outcome: 'done', detail: { newKeyId: 'key_final' } });
  });
});
