import { describeLiveness } from '../../unkey/probe-liveness.js';
import type { PlaybookStep } from '../playbook-step.js';
import { recordClock, revokedAtFor } from '../record-clock.js';
import type { VerifyDetail } from '../step-details.js';

/**
 * Is the leaked key still accepted? Probes it (DESIGN.md §1) with the key read again from where
 * it leaked. Dead already (Unkey's partner revocation, or a human, may win the race): recorded
 * as revoked by someone else at the time rootguard first saw it so, and containment is skipped.
 * Anything short of proof that it is dead (disabled, workspace disabled, an unknown answer) is
 * contained like a live key: each can start working again.
 */
export const verifyStep = {
  name: 'verify',
  async run(ctx) {
    const key = await ctx.leakedKey();
    if (!key) {
      const detail: VerifyDetail = { liveness: 'unknown' };
      return {
        outcome: 'skipped',
        summary:
          'No occurrence still holds the key (history rewritten, logs deleted), so its liveness is unknown; containment goes on.',
        detail: { ...detail },
      };
    }
    const liveness = await ctx.deps.unkey.probeLiveness(key);
    const now = ctx.deps.now();
    const seenAt = now.toISOString();
    if (liveness.state === 'dead')
      await recordClock(
        ctx.deps.runs,
        ctx.incident,
        'revoked',
        revokedAtFor(now, liveness.expiredAt, ctx.incident),
        ctx.deps.metrics,
      );
    const answer = describeLiveness(liveness);
    const detail: VerifyDetail = {
      liveness: liveness.state,
      ...(liveness.expiredAt !== undefined && { expiredAt: liveness.expiredAt }),
      ...(liveness.state !== 'live' && { answer }),
      ...(liveness.state === 'dead' && { seenDeadAt: seenAt }),
    };
    const { masked } = ctx.incident;
    const summary = {
      live: `${masked} is live: Unkey accepts it.`,
      disabled: `${masked} is disabled but not deleted: it can be enabled again, so it is contained like a live key.`,
      dead:
        liveness.expiredAt !== undefined
          ? `${masked} was already revoked by someone else: Unkey says it expired on ${liveness.expiredAt} (first seen dead at ${seenAt}).`
          : `${masked} was already revoked by someone else: Unkey rejects it as unknown (first seen dead at ${seenAt}).`,
      'workspace-disabled': `${masked} belongs to a disabled Unkey workspace (${answer}): harmless until the workspace is enabled again, so it is contained like a live key.`,
      unknown: `Unkey's answer proves neither that ${masked} is live nor that it is dead (${answer}): it is contained like a live key.`,
    }[liveness.state];
    return { outcome: 'done', summary, detail: { ...detail } };
  },
} satisfies PlaybookStep<'verify'>;
