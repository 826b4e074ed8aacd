import type { PlaybookStep, StepResult } from '../playbook-step.js';
import type { StepContext } from '../step-context.js';
import {
  detailOf,
  type ContainDetail,
  type GateDetail,
  type IdentifyDetail,
  type VerifyDetail,
} from '../step-details.js';

/** Waits between probes: Unkey caches key lookups for seconds, so a revoked key may pass a while. */
export const CONFIRM_PROBE_DELAYS_MS = [250, 500, 1_000, 2_000] as const;

/**
 * Probes the leaked key until Unkey rejects it, up to the policy's deadline: a key still accepted
 * at the deadline is an escalation, never a success. Records when containment was confirmed and
 * `timeToContainMs` (first webhook received → revocation confirmed).
 */
export const confirmStep = {
  name: 'confirm',
  async run(ctx) {
    const contain = ctx.steps.get('contain');
    const verify = detailOf<VerifyDetail>(ctx, 'verify');
    if (detailOf<GateDetail>(ctx, 'gate').mode === 'dry-run')
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
    if (contain.outcome === 'skipped' && !(contain.detail && 'path' in contain.detail))
      return { outcome: 'skipped', summary: 'Containment did not run: nothing to confirm.' };
    const key = await ctx.leakedKey();
    if (!key) return confirmByListing(ctx);
    const deadline = ctx.startedAt.getTime() + ctx.policy.confirmTimeoutMs;
    for (let probe = 0; ; probe++) {
      const liveness = await ctx.deps.unkey.probeLiveness(key);
      if (liveness === 'dead') return confirmed(ctx, `Unkey rejects the key (probe ${probe + 1}).`);
      const now = ctx.deps.now().getTime();
      if (now >= deadline)
        return {
          outcome: 'manual',
          summary: `Escalation: Unkey still accepts the key ${Math.round(ctx.policy.confirmTimeoutMs / 1000)} s after it was revoked (${liveness}).`,
          instruction: `Check the root key ${ctx.incident.masked} in the Unkey dashboard now and delete it if it is still listed.`,
          detail: { liveness, probes: probe + 1 },
        };
      const delay = CONFIRM_PROBE_DELAYS_MS[Math.min(probe, CONFIRM_PROBE_DELAYS_MS.length - 1)] ?? 2_000;
      await ctx.deps.sleep(Math.min(delay, deadline - now));
    }
  },
} satisfies PlaybookStep;

/** Without the key to probe: the root key list must show the original gone or expired. */
async function confirmByListing(ctx: StepContext): Promise<StepResult> {
  const identify = detailOf<IdentifyDetail>(ctx, 'identify');
  const original = detailOf<ContainDetail>(ctx, 'contain').originalKeyId ?? identify.keyId;
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

async function confirmed(ctx: StepContext, how: string): Promise<StepResult> {
  const at = ctx.deps.now();
  const received = ctx.incident.firstReceivedAt
    ? new Date(ctx.incident.firstReceivedAt).getTime()
    : undefined;
  const timeToContainMs = received === undefined ? undefined : Math.max(0, at.getTime() - received);
  if (!ctx.incident.containedAt)
    await ctx.deps.runs.updateIncident(ctx.incident.id, {
      containedAt: at.toISOString(),
      ...(timeToContainMs !== undefined ? { timeToContainMs } : {}),
    });
  return {
    outcome: 'done',
    summary: `Revocation confirmed: ${how}${timeToContainMs !== undefined && !ctx.incident.containedAt ? ` Time to contain: ${timeToContainMs} ms.` : ''}`,
    detail: { confirmedAt: at.toISOString(), ...(timeToContainMs !== undefined ? { timeToContainMs } : {}) },
  };
}
