import { describe, expect, it, vi } from 'vitest';
import { verifyStep } from '../../../src/playbook/steps/verify.js';
import type { VerifyDetail } from '../../../src/playbook/step-details.js';
import { UnkeyRetryableError } from '../../../src/unkey/errors.js';
import type { Liveness } from '../../../src/unkey/probe-liveness.js';
import { KeyGenerator } from '../../support/keygen.js';
import { NOW, stepContext, stored } from './step-context-fixture.js';

const gen = new KeyGenerator(1301);
const FORBIDDEN = 'https://unkey.com/docs/errors/unkey/authorization/forbidden';
const NOT_FOUND = 'https://unkey.com/docs/errors/unkey/authentication/key_not_found';
const RECEIVED = new Date(NOW - 2_000).toISOString();

function probing(answer: Liveness, incident = {}) {
  const probeLiveness = vi.fn(async () => answer);
  const key = gen.rootKey();
  const ctx = stepContext({ key, unkey: { probeLiveness }, incident });
  return { ctx, probeLiveness, key };
}

describe('verify', () => {
  it('a live key: done, liveness live and nothing else recorded, no clock set', async () => {
    const { ctx, probeLiveness, key } = probing({ state: 'live', status: 404 });
    const result = stored(await verifyStep.run(ctx));
    expect(result).toEqual({
      outcome: 'done',
      summary: `${ctx.incident.masked} is live: Unkey accepts it.`,
      detail: { liveness: 'live' },
    });
    // Probed with the key read again from where it leaked, and only that key.
    expect(probeLiveness).toHaveBeenCalledTimes(1);
    expect((probeLiveness.mock.calls[0] as unknown as [{ reveal(): string }])[0].reveal()).toBe(key);
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('no occurrence still holds the key: skipped, liveness unknown, Unkey not asked', async () => {
    const ctx = stepContext({ key: null });
    const result = stored(await verifyStep.run(ctx));
    expect(result.outcome).toBe('skipped');
    expect(result.detail).toEqual({ liveness: 'unknown' });
    expect(result.summary).toMatch(/^No occurrence still holds the key/);
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('dead (unknown to Unkey): done, seen dead now, and the revoked clock stops now', async () => {
    const { ctx } = probing({ state: 'dead', status: 401, type: NOT_FOUND, requestId: 'req_7' });
    const result = stored(await verifyStep.run(ctx));
    const detail = result.detail as unknown as VerifyDetail;
    expect(detail).toEqual({
      liveness: 'dead',
      answer: '401 key_not_found (request req_7)',
      seenDeadAt: new Date(NOW).toISOString(),
    });
    expect(result.summary).toBe(
      `${ctx.incident.masked} was already revoked by someone else: Unkey rejects it as unknown (first seen dead at ${new Date(NOW).toISOString()}).`,
    );
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: new Date(NOW).toISOString(), timeToRevokeMs: 2_000 }]);
  });

  it('expired after the first webhook: the revoked clock is the expiry, not the observation', async () => {
    const expiredAt = new Date(NOW - 500).toISOString();
    const { ctx } = probing({ state: 'dead', status: 403, type: FORBIDDEN, expiredAt });
    const result = stored(await verifyStep.run(ctx));
    expect(result.detail).toMatchObject({
      liveness: 'dead',
      expiredAt,
      seenDeadAt: new Date(NOW).toISOString(),
    });
    expect(result.summary).toContain(`Unkey says it expired on ${expiredAt}`);
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: expiredAt, timeToRevokeMs: 1_500 }]);
  });

  it('expired before rootguard heard of the leak: the clock says when it was first seen dead', async () => {
    const expiredAt = '2026-11-26T09:00:00.000Z';
    const { ctx } = probing({ state: 'dead', status: 403, type: FORBIDDEN, expiredAt });
    await verifyStep.run(ctx);
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: new Date(NOW).toISOString(), timeToRevokeMs: 2_000 }]);
  });

  it.each<[string, Liveness, RegExp]>([
    ['disabled', { state: 'disabled', status: 403 }, /is disabled but not deleted/],
    [
      'workspace-disabled',
      { state: 'workspace-disabled', status: 403, detail: 'The workspace is disabled.' },
      /belongs to a disabled Unkey workspace \(403: The workspace is disabled\.\)/,
    ],
    [
      'unknown',
      { state: 'unknown', status: 403, type: FORBIDDEN, detail: 'Rate limit exceeded' },
      /proves neither .* \(403 forbidden: Rate limit exceeded\)/,
    ],
  ])("%s: done, contained like a live key, Unkey's answer recorded", async (state, answer, summary) => {
    const { ctx } = probing(answer);
    const result = stored(await verifyStep.run(ctx));
    expect(result.outcome).toBe('done');
    expect(result.detail).toEqual({ liveness: state, answer: expect.stringMatching(/^403/) });
    expect(result.summary).toMatch(summary);
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('run again after a crash: probes again but never moves a revoked clock already set', async () => {
    const { ctx } = probing(
      { state: 'dead', status: 401, type: NOT_FOUND },
      { revokedAt: RECEIVED, timeToRevokeMs: 0 },
    );
    const result = await verifyStep.run(ctx);
    expect(result.detail).toMatchObject({ liveness: 'dead' });
    expect(ctx.incidentUpdates).toEqual([]);
    expect(ctx.checkpoints).toEqual([]);
  });

  it('a probe Unkey could not answer is thrown for the queue to retry, with nothing recorded', async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: {
        probeLiveness: () => Promise.reject(new UnkeyRetryableError('server-error', 'apis.getApi', '503')),
      },
    });
    await expect(verifyStep.run(ctx)).rejects.toBeInstanceOf(UnkeyRetryableError);
    expect(ctx.incidentUpdates).toEqual([]);
  });
});
