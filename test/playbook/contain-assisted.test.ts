import { describe, expect, it, vi } from 'vitest';
import { WaitRequest } from '../../src/playbook/errors.js';
import { containStep } from '../../src/playbook/steps/contain.js';
import type { Liveness } from '../../src/unkey/probe-liveness.js';
import { KeyGenerator } from '../support/keygen.js';
import { stepContext } from './step-fixture.js';

const gen = new KeyGenerator(622);
const NOW = Date.parse('2026-11-27T12:00:30Z');
const RECEIVED = '2026-11-27T12:00:00.000Z';
const FORBIDDEN = 'https://unkey.com/docs/errors/unkey/authorization/forbidden';
const ASSISTED = {
  verify: { outcome: 'done' as const, detail: { liveness: 'live' } },
  identify: {
    outcome: 'done' as const,
    detail: { path: 'assisted', assistedReason: 'No root key API.', deploy: [], deploySource: 'none' },
  },
  gate: { outcome: 'done' as const, detail: { mode: 'auto', proceed: true } },
};

/** The assisted path watching for a human's rotation, with one probe answer. */
function watching(answer: Liveness) {
  const probeLiveness = vi.fn(async () => answer);
  const ctx = stepContext({ key: gen.rootKey(), unkey: { probeLiveness }, earlier: ASSISTED, now: NOW });
  Object.assign(ctx.incident, { firstReceivedAt: RECEIVED });
  return ctx;
}

describe('contain, assisted path', () => {
  it('an expired key (rotated in the dashboard) is revoked: the clock stops at its expiry', async () => {
    const ctx = watching({
      state: 'dead',
      status: 403,
      type: FORBIDDEN,
      expiredAt: '2026-11-27T12:00:21.000Z',
    });
    const result = await containStep.run(ctx);
    expect(result.outcome).toBe('done');
    expect(result.detail).toMatchObject({ path: 'assisted', expiredAt: '2026-11-27T12:00:21.000Z' });
    expect(result.summary).toContain('expired on 2026-11-27T12:00:21.000Z');
    // Observed 9 s later (the poll), but the key stopped working at its expiry.
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: '2026-11-27T12:00:21.000Z', timeToRevokeMs: 21_000 }]);
  });

  it('an expiry before the first webhook: revoked as first observed, not at a time before rootguard knew', async () => {
    const ctx = watching({
      state: 'dead',
      status: 403,
      type: FORBIDDEN,
      expiredAt: '2026-11-27T11:00:00.000Z',
    });
    await containStep.run(ctx);
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: new Date(NOW).toISOString(), timeToRevokeMs: 30_000 }]);
  });

  it.each<[string, Liveness]>([
    [
      'a rate-limited forbidden',
      { state: 'unknown', status: 403, type: FORBIDDEN, detail: 'Rate limit exceeded' },
    ],
    [
      'a usage-limited forbidden',
      { state: 'unknown', status: 403, type: FORBIDDEN, detail: 'Key usage limit exceeded.' },
    ],
    ['a generic forbidden', { state: 'unknown', status: 403, type: FORBIDDEN, detail: 'Forbidden' }],
    [
      'a disabled workspace',
      { state: 'workspace-disabled', status: 403, detail: 'The workspace is disabled.' },
    ],
    ['a disabled key', { state: 'disabled', status: 403 }],
  ])('%s is not a revocation: keeps waiting, names the answer, records no clock', async (_, answer) => {
    const ctx = watching(answer);
    const wait = await containStep.run(ctx).catch((error: unknown) => error);
    expect(wait).toBeInstanceOf(WaitRequest);
    expect((wait as WaitRequest).message).toContain('Unkey last answered 403');
    expect(ctx.incidentUpdates).toEqual([{ status: 'needs-human' }]);
  });
});
