import { describe, expect, it, vi } from 'vitest';
import { WaitRequest } from '../../src/playbook/errors.js';
import { confirmStep } from '../../src/playbook/steps/confirm.js';
import { gateStep } from '../../src/playbook/steps/gate.js';
import type { Liveness } from '../../src/unkey/probe-liveness.js';
import { KeyGenerator } from '../support/keygen.js';
import { stepContext } from './step-fixture.js';

const gen = new KeyGenerator(631);
const LIVE: Liveness = { state: 'live', status: 404 };
const DEAD: Liveness = { state: 'dead', status: 401 };
const EXPIRED: Liveness = {
  state: 'dead',
  status: 403,
  expiredAt: '2026-11-27T12:00:01.000Z',
  type: 'https://unkey.com/docs/errors/unkey/authorization/forbidden',
};
const RATE_LIMITED: Liveness = {
  state: 'unknown',
  status: 403,
  type: 'https://unkey.com/docs/errors/unkey/authorization/forbidden',
  detail: 'Rate limit exceeded',
  requestId: 'req_rl1',
};
const WORKSPACE_OFF: Liveness = {
  state: 'workspace-disabled',
  status: 403,
  type: 'https://unkey.com/docs/errors/unkey/authorization/workspace_disabled',
  detail: 'The workspace is disabled.',
};

/** A confirm context whose clock moves only when the step sleeps. */
function timedContext(probe: () => Promise<Liveness>) {
  let now = Date.parse('2026-11-27T12:00:00Z');
  const ctx = stepContext({
    key: gen.rootKey(),
    unkey: { probeLiveness: probe },
    earlier: CONTAINED,
    policy: { confirmTimeoutMs: 5_000 },
    now,
  });
  const updateIncident = vi.fn(async () => undefined);
  Object.assign(ctx.deps, {
    now: () => new Date(now),
    sleep: async (ms: number) => void (now += ms),
    runs: { updateIncident },
  });
  return { ctx, updateIncident };
}
const CONTAINED = {
  verify: { outcome: 'done' as const, detail: { liveness: 'live' } },
  gate: { outcome: 'done' as const, detail: { mode: 'auto', proceed: true } },
  contain: { outcome: 'done' as const, detail: { path: 'automatic', originalKeyId: 'key_orig' } },
};

describe('confirm', () => {
  it('probes until Unkey rejects the key (its cache may accept it a while)', async () => {
    const answers = [LIVE, LIVE, DEAD];
    const probeLiveness = vi.fn(async () => answers[probeLiveness.mock.calls.length - 1] ?? DEAD);
    const ctx = stepContext({ key: gen.rootKey(), unkey: { probeLiveness }, earlier: CONTAINED });
    Object.assign(ctx.deps, { runs: { updateIncident: vi.fn(async () => undefined) } });
    const result = await confirmStep.run(ctx);
    expect(probeLiveness).toHaveBeenCalledTimes(3);
    expect(result).toMatchObject({ outcome: 'done', summary: expect.stringContaining('probe 3') });
  });

  it('escalates, never succeeds, when the key is still accepted at the deadline', async () => {
    const { ctx } = timedContext(async () => LIVE);
    const result = await confirmStep.run(ctx);
    expect(result.outcome).toBe('manual');
    expect(result.summary).toMatch(/^Escalation: Unkey still accepts the key/);
  });

  it('an expired key (a reroll with expiration 0) is confirmed dead, and the contain clock recorded', async () => {
    const { ctx, updateIncident } = timedContext(async () => EXPIRED);
    const result = await confirmStep.run(ctx);
    expect(result).toMatchObject({ outcome: 'done', summary: expect.stringContaining('expired on') });
    expect(updateIncident).toHaveBeenCalledWith(
      ctx.incident.id,
      expect.objectContaining({ containedAt: expect.any(String) }),
    );
  });

  it.each([
    [
      'a rate-limited forbidden',
      RATE_LIMITED,
      /last answer was unknown \(403 forbidden: Rate limit exceeded \(request req_rl1\)\)/,
    ],
    ['a disabled workspace', WORKSPACE_OFF, /last answer was workspace-disabled \(403 workspace_disabled/],
    ['a disabled key', { state: 'disabled', status: 403 } as Liveness, /last answer was disabled/],
  ])('%s is not dead: probes to the deadline, then escalates naming the answer', async (_, answer, named) => {
    const probe = vi.fn(async () => answer);
    const { ctx, updateIncident } = timedContext(probe);
    const result = await confirmStep.run(ctx);
    expect(result.outcome).toBe('manual');
    expect(result.summary).toMatch(named);
    expect(probe.mock.calls.length).toBeGreaterThan(2);
    expect(updateIncident).not.toHaveBeenCalled();
  });
});

describe('gate', () => {
  it('under approve, waits (without spending an attempt) until the deadline', async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: {},
      earlier: { verify: { outcome: 'done', detail: { liveness: 'live' } } },
      policy: { mode: 'approve', approveTimeoutMs: 30_000 },
    });
    Object.assign(ctx.deps, { runs: { updateIncident: vi.fn(async () => undefined) } });
    const wait = await gateStep.run(ctx).catch((error: unknown) => error);
    expect(wait).toBeInstanceOf(WaitRequest);
    expect((wait as WaitRequest).until).toBe(ctx.startedAt.getTime() + 30_000);
  });
});
