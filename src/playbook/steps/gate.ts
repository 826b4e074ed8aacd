import { WaitRequest } from '../errors.js';
import type { PlaybookStep } from '../playbook-step.js';
import { detailOf, type GateDetail } from '../step-details.js';

/** How often a waiting approval is looked at again (an approval also wakes the job at once). */
export const APPROVAL_POLL_MS = 60_000;

/**
 * Applies the policy. `auto`: go. `dry-run`: every later step reads and reports what it would do.
 * `approve`: wait (without spending attempts) for an approval until the deadline, then escalate
 * and contain, or leave it to humans (`onApproveTimeout: stop`).
 */
export const gateStep = {
  name: 'gate',
  async run(ctx) {
    const { policy, incident } = ctx;
    if (policy.mode === 'auto')
      return result({ mode: 'auto', proceed: true }, 'done', 'Policy "auto": containment starts at once.');
    if (policy.mode === 'dry-run')
      return result(
        { mode: 'dry-run', proceed: false },
        'done',
        'Policy "dry-run": rootguard reads and reports, and writes nothing.',
      );
    if (detailOf(ctx, 'verify').liveness === 'dead')
      return result(
        { mode: 'approve', proceed: true },
        'done',
        'The key is already revoked: nothing to approve.',
      );
    if (incident.approvedAt)
      return result(
        { mode: 'approve', proceed: true },
        'done',
        `Approved by ${incident.approvedBy ?? 'a user'} at ${incident.approvedAt}.`,
      );
    const deadline = ctx.startedAt.getTime() + policy.approveTimeoutMs;
    const now = ctx.deps.now().getTime();
    if (now < deadline) {
      await ctx.deps.runs.updateIncident(incident.id, { status: 'awaiting-approval' });
      throw new WaitRequest(
        Math.min(deadline, now + APPROVAL_POLL_MS),
        'an approval',
        `Approve containment of ${incident.masked} (incident ${incident.id}) before ${new Date(deadline).toISOString()}; the key stays live until then.`,
      );
    }
    await ctx.deps.runs.appendTimeline(incident.id, {
      at: new Date(now).toISOString(),
      run: ctx.run.run,
      step: 'gate',
      event: 'escalated',
      text: `No approval within ${Math.round(policy.approveTimeoutMs / 60_000)} min for a live leaked key.`,
    });
    await ctx.deps.runs.updateIncident(incident.id, { status: 'open' });
    if (policy.onApproveTimeout === 'contain')
      return result(
        { mode: 'approve', proceed: true, timedOut: true },
        'done',
        'No approval before the deadline: escalated, and contained as the policy says (onApproveTimeout: contain).',
      );
    return {
      ...result(
        { mode: 'approve', proceed: false, timedOut: true },
        'manual',
        'No approval before the deadline: escalated; containment is left to humans (onApproveTimeout: stop).',
      ),
      instruction: `The leaked key ${incident.masked} is still live. Approve containment of incident ${incident.id}, or revoke the key in the Unkey dashboard now.`,
    };
  },
} satisfies PlaybookStep<'gate'>;

function result(detail: GateDetail, outcome: 'done' | 'manual', summary: string) {
  return { outcome, summary, detail: { ...detail } };
}
