import { describeTarget, targetId } from '../../sinks/deploy-target.js';
import { putSealedSecret } from '../../sinks/put-sealed-secret.js';
import { setSecretByHand } from '../manual-instructions.js';
import type { PlaybookStep, StepResult } from '../playbook-step.js';
import { recordClock } from '../record-clock.js';
import type { StepContext } from '../step-context.js';
import { detailOf, type ContainDetail } from '../step-details.js';

/**
 * Puts the replacement into every deploy target from the ciphertexts `contain` (or
 * `rootguard deliver`) recorded. Targets already set are not set again on a retry. A target
 * GitHub refuses (its public key changed: 422; a missing permission: 403) is `manual`.
 */
export const distributeStep = {
  name: 'distribute',
  run: (ctx) => distribute(ctx),
} satisfies PlaybookStep<'distribute'>;

/** The step's work, also run by `rootguard deliver` once it has sealed a replacement. */
export async function distribute(
  ctx: StepContext<'distribute'>,
  delivered?: ContainDetail,
): Promise<StepResult<'distribute'>> {
  const identify = detailOf(ctx, 'identify');
  const contain = delivered ?? detailOf(ctx, 'contain');
  const targets = identify.deploy ?? [];
  if (detailOf(ctx, 'gate').mode === 'dry-run')
    return {
      outcome: 'skipped',
      summary: targets.length
        ? `Dry run: would set ${targets.map(describeTarget).join(', ')}.`
        : 'Dry run: no deploy target is known.',
      detail: { dryRun: true },
    };
  if (!contain.newFingerprint) {
    // Revoked by someone else before rootguard acted: the deploy targets still hold the dead
    // key, and whoever revoked it holds the replacement, so it comes in as on the assisted path.
    const revokedElsewhere = detailOf(ctx, 'verify').liveness === 'dead';
    if (revokedElsewhere && targets.length > 0 && !delivered)
      return {
        outcome: 'manual',
        summary: `The key was revoked by someone else before rootguard acted: ${targets.map(describeTarget).join(', ')} still hold(s) the dead key.`,
        instruction: `Pipe the key that replaced it into \`rootguard deliver --incident ${ctx.incident.id}\`: it seals it for ${targets.map(describeTarget).join(', ')} and sets them.`,
      };
    if (ctx.steps.get('contain')?.outcome === 'skipped' && !delivered)
      return { outcome: 'skipped', summary: 'No replacement key was made, so there is nothing to deploy.' };
    return {
      outcome: 'manual',
      summary: 'No replacement key has reached rootguard yet.',
      instruction: `Once the key is rotated, pipe the new key into \`rootguard deliver --incident ${ctx.incident.id}\`: it seals it for ${targets.length ? targets.map(describeTarget).join(', ') : 'the deploy targets'} and sets them.`,
    };
  }
  if (targets.length === 0)
    return {
      outcome: 'manual',
      summary: `The replacement ${contain.newKeyId ?? contain.newMasked} was made, but no deploy target is known.`,
      instruction: `Add the key's deploy targets to the operator config (rootKeys[].deploy) and set them with \`rootguard deliver --incident ${ctx.incident.id}\`, or replace the old key wherever it is used.`,
      detail: { set: [] },
    };
  const done = new Set<string>(ctx.progress.set ?? []);
  const manual: string[] = [];
  for (const failure of contain.sealFailures ?? [])
    manual.push(
      `${failure.error}. ${setSecretByHand(describeTarget(failure.target), contain.newKeyId, ctx.incident.id)}`,
    );
  for (const sealed of contain.sealed ?? []) {
    const id = targetId(sealed.target);
    if (done.has(id)) continue;
    const client = await ctx.deps.clientFor(
      sealed.target.scope === 'org' ? sealed.target.org : sealed.target.repo,
    );
    const put = await putSealedSecret(client, sealed);
    if (put.outcome === 'done') {
      done.add(id);
      await ctx.checkpoint({ set: [...done] });
    } else {
      manual.push(
        `${put.reason}. ${setSecretByHand(describeTarget(sealed.target), contain.newKeyId, ctx.incident.id)}`,
      );
    }
  }
  const detail = { set: [...done], manualTargets: manual.length };
  if (manual.length > 0)
    return {
      outcome: 'manual',
      summary: `Set ${done.size} of ${targets.length} deploy target(s); ${manual.length} need a human.`,
      instruction: manual.join('\n'),
      detail,
    };
  // Every deploy target holds the replacement: the second clock stops (once, retries keep it).
  const timeToDeployedMs = await recordClock(
    ctx.deps.runs,
    ctx.incident,
    'deployed',
    ctx.deps.now(),
    ctx.deps.metrics,
  );
  return {
    outcome: 'done',
    summary: `Set ${targets.map(describeTarget).join(', ')} to the new key${timeToDeployedMs !== undefined ? ` (time to deployed, first report → every target set: ${timeToDeployedMs} ms)` : ''}.`,
    detail,
  };
}
