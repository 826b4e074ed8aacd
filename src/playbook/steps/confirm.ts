import { describeLiveness } from '../../unkey/probe-liveness.js';
import type { PlaybookStep, StepResult } from '../playbook-step.js';
import { recordClock } from '../record-clock.js';
import type { StepContext } from '../step-context.js';
import { detailOf } from '../step-details.js';

/** Waits between probes: Unkey caches key lookups for seconds, so a revoked key may pass a while. */
export const CONFIRM_PROBE_DELAYS_MS = [250, 500, 1_000, 2_000] as const;

/**
 * Probes the leaked key until Unkey answers that it is dead (deleted, or expired), up to the
 * policy's deadline: any other answer at the deadline (live, disabled, a disabled workspace, an
 * answer that proves nothing) is an escalation naming that answer, never a success. Records
 * when containment was confirmed and `timeToContainMs` (first webhook received → a probe saw
 * the key dead).
 */
export const confirmStep = {
  name: 'confirm',
  async run(ctx) {
    const contain = ctx.steps.get('contain');
    const verify = detailOf(ctx, 'verify');
    if (detailOf(ctx, 'gate').mode === 'dry-run')
      return {
        outcome: 'skipped',
        summary: 'Dry run: the key was not revoked, so there is nothing to confirm.',
        detail: { dryRun: true },
      };
    if (verify.liveness === 'dead')
      return confirmed(ctx, 'It was already rejected when rootguard first probed it.');
    if (contain?.outcome !== 'done' && contain?.outcome !== 'skipped')
      return {
        outcome: 'skipped',
        summary: 'The key was not revoked by rootguard or a human yet: nothing to confirm.',
      };
    if (contain.outcome === 'skipped' && detailOf(ctx, 'contain').path === undefined)
      return { outcome: 'skipped', summary: 'Containment did not run: nothing to confirm.' };
    const key = await ctx.leakedKey();
    if (!key) return confirmByListing(ctx);
    const deadline = ctx.startedAt.getTime() + ctx.policy.confirmTimeoutMs;
    for (let probe = 0; ; probe++) {
      const liveness = await ctx.deps.unkey.probeLiveness(key);
      if (liveness.state === 'dead')
        return confirmed(
          ctx,
          `Unkey rejects the key${liveness.expiredAt !== undefined ? ` as expired on ${liveness.expiredAt}` : ''} (probe ${probe + 1}).`,
        );
      const now = ctx.deps.now().getTime();
      if (now >= deadline) {
        const after = `${Math.round(ctx.policy.confirmTimeoutMs / 1000)} s after it was revoked`;
        const answer = describeLiveness(liveness);
        return {
          outcome: 'manual',
          summary:
            liveness.state === 'live'
              ? `Escalation: Unkey still accepts the key ${after} (${answer}).`
              : `Escalation: Unkey does not confirm that the key is dead ${after}: its last answer was ${liveness.state} (${answer}).`,
          instruction: `Check the root key ${ctx.incident.masked} in the Unkey dashboard now and delete it if it is still listed.`,
          detail: { liveness: liveness.state, answer, probes: probe + 1 },
        };
      }
      const delay = CONFIRM_PROBE_DELAYS_MS[Math.min(probe, CONFIRM_PROBE_DELAYS_MS.length - 1)] ?? 2_000;
      await ctx.deps.sleep(Math.min(delay, deadline - now));
    }
  },
} satisfies PlaybookStep<'confirm'>;

/** Without the key to probe: the root key list must show the original gone or expired. */
async function confirmByListing(ctx: StepContext<'confirm'>): Promise<StepResult<'confirm'>> {
  const identify = detailOf(ctx, 'identify');
  const original = detailOf(ctx, 'contain').originalKeyId ?? identify.keyId;
  if (!original || !ctx.deps.responderConfigured)
    return {
      outcome: 'manual',
      summary:
        'The key cannot be read again to probe it, and rootguard cannot list root keys: revocation is unconfirmed.',
      instruction: `Check in the Unkey dashboard that the root key ${ctx.incident.masked} is gone.`,
    };
  const keys = await ctx.deps.unkey.listRootKeys();
  const listed = keys.find((k) => k.keyId === original);
  const now = ctx.deps.now().getTime();
  if (!listed || (listed.expires !== null && listed.expires <= now))
    return confirmed(
      ctx,
      `Root key ${original} is no longer valid in Unkey's list (the key itself could not be read again to probe).`,
    );
  return {
    outcome: 'manual',
    summary: `Escalation: Unkey still lists ${original} as valid.`,
    instruction: `Delete the root key ${original} (${ctx.incident.masked}) in the Unkey dashboard now.`,
  };
}

async function confirmed(ctx: StepContext<'confirm'>, how: string): Promise<StepResult<'confirm'>> {
  const at = ctx.deps.now();
  const timeToContainMs = await recordClock(ctx.deps.runs, ctx.incident, 'contained', at, ctx.deps.metrics);
  return {
    outcome: 'done',
    summary: `Revocation confirmed: ${how}${timeToContainMs !== undefined ? ` Time to contain (first report → a probe saw the key dead): ${timeToContainMs} ms.` : ''}`,
    detail: { confirmedAt: at.toISOString(), ...(timeToContainMs !== undefined ? { timeToContainMs } : {}) },
  };
}
