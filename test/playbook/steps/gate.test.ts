import { describe, expect, it } from 'vitest';
import { WaitRequest } from '../../../src/playbook/errors.js';
import { APPROVAL_POLL_MS, gateStep } from '../../../src/playbook/steps/gate.js';
import { KeyGenerator } from '../../support/keygen.js';
import { INCIDENT_ID, NOW, stepContext, stored, type StepContextOptions } from './step-context-fixture.js';

const gen = new KeyGenerator(1304);
const MINUTE = 60_000;

function gating(options: Omit<StepContextOptions, 'key'> = {}) {
  return stepContext({ key: gen.rootKey(), ...options });
}

/** The wait the step asked for (it throws it). */
async function waitOf(promise: Promise<unknown>): Promise<WaitRequest> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WaitRequest);
  return error as WaitRequest;
}

describe('gate: auto and dry-run', () => {
  it('auto: done at once, proceed', async () => {
    const ctx = gating();
    expect(stored(await gateStep.run(ctx))).toEqual({
      outcome: 'done',
      summary: 'Policy "auto": containment starts at once.',
      detail: { mode: 'auto', proceed: true },
    });
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('dry-run: done, and later steps are told not to proceed', async () => {
    const result = stored(await gateStep.run(gating({ policy: { mode: 'dry-run' } })));
    expect(result.outcome).toBe('done');
    expect(result.detail).toEqual({ mode: 'dry-run', proceed: false });
    expect(result.summary).toMatch(/writes nothing/);
  });
});

describe('gate: approve', () => {
  it('a key verify found dead: nothing to approve, proceed without waiting', async () => {
    const ctx = gating({
      policy: { mode: 'approve' },
      earlier: { verify: { outcome: 'done', detail: { liveness: 'dead' } } },
    });
    const result = stored(await gateStep.run(ctx));
    expect(result).toEqual({
      outcome: 'done',
      summary: 'The key is already revoked: nothing to approve.',
      detail: { mode: 'approve', proceed: true },
    });
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('approved: done, naming who approved and when', async () => {
    const approvedAt = new Date(NOW - MINUTE).toISOString();
    const named = stored(
      await gateStep.run(
        gating({ policy: { mode: 'approve' }, incident: { approvedAt, approvedBy: 'octocat' } }),
      ),
    );
    expect(named).toEqual({
      outcome: 'done',
      summary: `Approved by octocat at ${approvedAt}.`,
      detail: { mode: 'approve', proceed: true },
    });
    const unnamed = await gateStep.run(gating({ policy: { mode: 'approve' }, incident: { approvedAt } }));
    expect(unnamed.summary).toBe(`Approved by a user at ${approvedAt}.`);
  });

  it('not approved yet: waits (no attempt spent) until the next look, and marks the incident awaiting approval', async () => {
    const ctx = gating({ policy: { mode: 'approve' } });
    const wait = await waitOf(gateStep.run(ctx));
    expect(wait.until).toBe(NOW + APPROVAL_POLL_MS);
    expect(wait.waitingFor).toBe('an approval');
    const deadline = new Date(NOW + 30 * MINUTE).toISOString();
    expect(wait.instruction).toBe(
      `Approve containment of ${ctx.incident.masked} (incident ${INCIDENT_ID}) before ${deadline}; the key stays live until then.`,
    );
    expect(ctx.incidentUpdates).toEqual([{ status: 'awaiting-approval' }]);
    expect(ctx.timeline).toEqual([]);
  });

  it('run again after a wait: the deadline counts from when the step first started, and the last wait ends on it', async () => {
    const ctx = gating({ policy: { mode: 'approve' }, startedAt: NOW - 29.5 * MINUTE });
    const wait = await waitOf(gateStep.run(ctx));
    expect(wait.until).toBe(NOW + 0.5 * MINUTE);
  });

  it('no approval by the deadline, onApproveTimeout contain: escalated on the timeline, contained', async () => {
    const ctx = gating({ policy: { mode: 'approve' }, startedAt: NOW - 30 * MINUTE });
    const result = stored(await gateStep.run(ctx));
    expect(result.outcome).toBe('done');
    expect(result.detail).toEqual({ mode: 'approve', proceed: true, timedOut: true });
    expect(result.summary).toMatch(/escalated, and contained as the policy says/);
    expect(ctx.timeline).toEqual([
      {
        at: new Date(NOW).toISOString(),
        run: 1,
        step: 'gate',
        event: 'escalated',
        text: 'No approval within 30 min for a live leaked key.',
      },
    ]);
    expect(ctx.incidentUpdates).toEqual([{ status: 'open' }]);
  });

  it('no approval by the deadline, onApproveTimeout stop: manual, left to humans with an instruction', async () => {
    const ctx = gating({
      policy: { mode: 'approve', onApproveTimeout: 'stop', approveTimeoutMs: 5 * MINUTE },
      startedAt: NOW - 6 * MINUTE,
    });
    const result = stored(await gateStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.detail).toEqual({ mode: 'approve', proceed: false, timedOut: true });
    expect(result.instruction).toBe(
      `The leaked key ${ctx.incident.masked} is still live. Approve containment of incident ${INCIDENT_ID}, or revoke the key in the Unkey dashboard now.`,
    );
    expect(ctx.timeline.map((e) => e.text)).toEqual(['No approval within 5 min for a live leaked key.']);
  });
});
