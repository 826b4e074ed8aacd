import type { PlaybookStep } from '../playbook-step.js';
import type { VerifyDetail } from '../step-details.js';

/**
 * Is the leaked key still accepted? Probes it (DESIGN.md §1) with the key read again from where
 * it leaked. Dead already (Unkey's partner revocation may win the race): containment is skipped.
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
    const detail: VerifyDetail = { liveness };
    const summary = {
      live: `${ctx.incident.masked} is live: Unkey accepts it.`,
      disabled: `${ctx.incident.masked} is disabled but not deleted: it can be enabled again, so it is contained like a live key.`,
      dead: `${ctx.incident.masked} is already revoked: Unkey rejects it (revoked before rootguard acted).`,
    }[liveness];
    return { outcome: 'done', summary, detail: { ...detail } };
  },
} satisfies PlaybookStep;
