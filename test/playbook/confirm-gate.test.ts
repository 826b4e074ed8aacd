import { describe, expect, it, vi } from 'vitest';
import { WaitRequest } from '../../src/playbook/errors.js';
import { confirmStep } from '../../src/playbook/steps/confirm.js';
import { gateStep } from '../../src/playbook/steps/gate.js';
import { KeyGenerator } from '../support/keygen.js';
import { stepContext } from './step-fixture.js';

const gen = new KeyGenerator(631);
const CONTAINED = {
  verify: { outcome: 'done' as const, detail: { liveness: 'live' } },
  gate: { outcome: 'done' as const, detail: { mode: 'auto', proceed: true } },
  contain: { outcome: 'done' as const, detail: { path: 'automatic', originalKeyId: 'key_orig' } },
};

describe('confirm', () => {
  it('probes until Unkey rejects the key (its cache may accept it a while)', async () => {
    const answers = ['live', 'live', 'dead'] as const;
    const probeLiveness = vi.fn(async () => answers[probeLiveness.mock.calls.length - 1] ?? 'dead');
    const ctx = stepContext({ key: gen.rootKey(), unkey: { probeLiveness }, earlier: CONTAINED });
    Object.assign(ctx.deps, { runs: { updateIncident: vi.fn(async () => undefined) } });
    const result = await confirmStep.run(ctx);
    expect(probeLiveness).toHaveBeenCalledTimes(3);
    expect(result).toMatchObject({ outcome: 'done', summary: expect.stringContaining('probe 3') });
  });

  it('escalates, never succeeds, when the key is still accepted at the deadline', async () => {
    let now = Date.parse('2026-11-27T12:00:00Z');
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: { probeLiveness: async () => 'live' },
      earlier: CONTAINED,
      policy: { confirmTimeoutMs: 5_000 },
      now,
    });
    Object.assign(ctx.deps, { now: () => new Date(now), sleep: async (ms: number) => void (now += ms) });
    const result = await confirmStep.run(ctx);
    expect(result.outcome).toBe('manual');
    expect(result.summary).toMatch(/^Escalation: Unkey still accepts the key/);
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
