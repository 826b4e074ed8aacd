import type { Secret } from '../../detect/secret.js';
import { UnkeyRequestError, UnkeyResponseError, UnkeyRetryableError } from '../../unkey/errors.js';
import { WaitRequest } from '../errors.js';
import { describeLiveness } from '../../unkey/probe-liveness.js';
import { findReplacement } from '../find-replacement.js';
import { responderRejected, rotateByHand } from '../manual-instructions.js';
import type { PlaybookStep, StepResult } from '../playbook-step.js';
import { recordClock, revokedAtFor } from '../record-clock.js';
import { deployKeysOnce, sealReplacement } from '../seal-replacement.js';
import type { StepContext } from '../step-context.js';
import { detailOf, type ContainDetail, type IdentifyDetail } from '../step-details.js';

/** How often the assisted path looks whether a human has revoked the key. */
export const ASSISTED_POLL_MS = 10_000;

/**
 * Revokes the leaked key and makes its replacement in one call: `rootKeys.rerollKey` with
 * `expiration: 0` (same permissions, the old key dead at once). The new key is sealed for every
 * deploy target straight from the answer; only ciphertexts, its id and fingerprint are recorded.
 * The reroll's time is checkpointed first: after a lost answer or a crash, the replacement is
 * found again before anything is retried. Without the root key API: the assisted path.
 */
export const containStep = {
  name: 'contain',
  async run(ctx) {
    const identify = detailOf(ctx, 'identify');
    const gate = detailOf(ctx, 'gate');
    if (detailOf(ctx, 'verify').liveness === 'dead')
      return { outcome: 'skipped', summary: 'Already revoked before rootguard acted: not revoked twice.' };
    if (gate.mode === 'dry-run')
      return {
        outcome: 'skipped',
        summary:
          identify.path === 'automatic'
            ? `Dry run: would reroll ${identify.keyId} with expiration 0 (revoking the leaked key at once) and seal the replacement for ${identify.deploy?.length ?? 0} deploy target(s).`
            : `Dry run: would ask a human to rotate the key (${identify.assistedReason ?? 'assisted path'}).`,
        detail: { dryRun: true },
      };
    if (gate.proceed === false)
      return { outcome: 'skipped', summary: 'Containment was not approved: it is left to humans.' };
    if (identify.path !== 'automatic' || !identify.keyId) return assisted(ctx, identify);
    try {
      return await automatic(ctx, identify, identify.keyId);
    } catch (error) {
      if (error instanceof UnkeyRequestError && (error.status === 401 || error.status === 403))
        return {
          outcome: 'manual',
          summary: 'rootguard could not reroll the key: nothing was changed in Unkey.',
          instruction: `${responderRejected(error, 'rootKeys.rerollKey', `rootKeys/${identify.keyId}#write and #delete, and every permission of the leaked key`)} Meanwhile: ${rotateByHand({ masked: ctx.incident.masked, incidentId: ctx.incident.id, keyId: identify.keyId, name: identify.name ?? null })}`,
          detail: { ...ctx.progress, path: 'automatic' },
        };
      if (error instanceof UnkeyRequestError && error.status === 404) {
        await recordClock(ctx.deps.runs, ctx.incident, 'revoked', ctx.deps.now(), ctx.deps.metrics);
        return {
          outcome: 'skipped',
          summary: `Unkey no longer has root key ${identify.keyId} (deleted meanwhile); confirm checks that it is dead.`,
          detail: { ...ctx.progress, path: 'automatic' },
        };
      }
      throw error;
    }
  },
} satisfies PlaybookStep<'contain'>;

async function automatic(
  ctx: StepContext<'contain'>,
  identify: IdentifyDetail,
  keyId: string,
): Promise<StepResult<'contain'>> {
  const { unkey } = ctx.deps;
  const progress = ctx.progress;
  // Read before the reroll (started by identify, beside Unkey's calls): between Unkey's answer
  // and the ciphertexts there is no network.
  const publicKeys = await deployKeysOnce(ctx, identify.deploy ?? []);
  let replacement: { keyId: string; key: Secret } | undefined;
  let orphans: string[] = [];
  if (progress.rerollRequestedAt !== undefined) {
    // A reroll was asked for and its answer never recorded: find out what it did first.
    const found = await findReplacement(
      unkey,
      { keyId, name: identify.name },
      progress.rerollRequestedAt,
      ctx.deps.now().getTime(),
    );
    const [newest, ...older] = found.replacements;
    if (newest) {
      // Its secret was lost with the answer: reroll the orphan (revoking it at once) to get a
      // usable replacement, so there is still exactly one live replacement.
      replacement = await reroll(ctx, newest.keyId);
      for (const extra of older) await deleteOrphan(ctx, extra.keyId);
      orphans = [newest.keyId, ...older.map((k) => k.keyId)];
    } else if (!found.originalAlive) {
      await recordClock(ctx.deps.runs, ctx.incident, 'revoked', ctx.deps.now(), ctx.deps.metrics);
      return {
        outcome: 'done',
        summary: `Root key ${keyId} is revoked, but no replacement was found: set a new key by hand.`,
        detail: { ...progress, path: 'automatic', originalKeyId: keyId },
      };
    }
  }
  if (!replacement) {
    await ctx.checkpoint({
      path: 'automatic',
      originalKeyId: keyId,
      rerollRequestedAt: ctx.deps.now().getTime(),
    });
    replacement = await reroll(ctx, keyId);
  }
  // Unkey answered the reroll (or its lost answer was found): the leaked key is revoked.
  await recordClock(ctx.deps.runs, ctx.incident, 'revoked', ctx.deps.now(), ctx.deps.metrics);
  const sealed = await sealReplacement(publicKeys, replacement);
  const detail: ContainDetail = {
    ...ctx.progress,
    path: 'automatic',
    originalKeyId: keyId,
    ...sealed,
    ...(orphans.length > 0 ? { orphansRevoked: orphans } : {}),
  };
  return {
    outcome: 'done',
    summary:
      `Rerolled ${keyId}: the leaked key is revoked and ${sealed.newKeyId} (${sealed.newMasked}) replaces it with the same permissions` +
      `${orphans.length > 0 ? `; ${orphans.length} replacement(s) whose answer was lost were revoked (${orphans.join(', ')})` : ''}.`,
    detail: { ...detail },
  };
}

/**
 * `rootKeys.rerollKey`. An answer that arrived but cannot be read is a lost answer: the reroll
 * may have happened, so it is retried through the recovery above, never given up on.
 */
async function reroll(ctx: StepContext, keyId: string): Promise<{ keyId: string; key: Secret }> {
  try {
    return await ctx.deps.unkey.rerollRootKey(keyId);
  } catch (error) {
    if (!(error instanceof UnkeyResponseError)) throw error;
    throw new UnkeyRetryableError(
      'network-error',
      error.operation,
      `the answer to rootKeys.rerollKey could not be read: ${error.message}`,
    );
  }
}

/** Deletes a replacement nobody holds; one already gone is fine. */
async function deleteOrphan(ctx: StepContext, keyId: string): Promise<void> {
  try {
    await ctx.deps.unkey.deleteRootKey(keyId);
  } catch (error) {
    if (!(error instanceof UnkeyRequestError && error.status === 404)) throw error;
  }
}

async function assisted(
  ctx: StepContext<'contain'>,
  identify: IdentifyDetail,
): Promise<StepResult<'contain'>> {
  const instruction = rotateByHand({
    masked: ctx.incident.masked,
    incidentId: ctx.incident.id,
    ...(identify.keyId ? { keyId: identify.keyId } : {}),
    name: identify.name ?? null,
  });
  const key = await ctx.leakedKey();
  if (!key)
    return {
      outcome: 'manual',
      summary: `${identify.assistedReason ?? 'Assisted path.'} The key cannot be read again to watch it, so a human must confirm the revocation.`,
      instruction,
      detail: { path: 'assisted' },
    };
  const liveness = await ctx.deps.unkey.probeLiveness(key);
  const now = ctx.deps.now();
  // Dead: deleted, or expired (a dashboard rotation without grace leaves the old key expired).
  // Disabled, a disabled workspace or an answer that proves nothing: keep waiting.
  if (liveness.state === 'dead') {
    const revokedAt = revokedAtFor(now, liveness.expiredAt, ctx.incident);
    await recordClock(ctx.deps.runs, ctx.incident, 'revoked', revokedAt, ctx.deps.metrics);
    const detail: ContainDetail = {
      path: 'assisted',
      seenDeadAt: now.toISOString(),
      ...(liveness.expiredAt !== undefined && { expiredAt: liveness.expiredAt }),
    };
    return {
      outcome: 'done',
      summary:
        liveness.expiredAt !== undefined
          ? `A human revoked the key: Unkey says it expired on ${liveness.expiredAt}; rootguard saw it dead at ${detail.seenDeadAt}.`
          : `A human revoked the key; Unkey rejected it at ${detail.seenDeadAt}.`,
      detail: { ...detail },
    };
  }
  // A state other than live is named, so whoever reads the report sees why rootguard still waits.
  const lastAnswer = liveness.state === 'live' ? '' : ` (Unkey last answered ${describeLiveness(liveness)})`;
  const deadline = ctx.startedAt.getTime() + ctx.policy.manualRevokeTimeoutMs;
  if (now.getTime() < deadline) {
    await ctx.deps.runs.updateIncident(ctx.incident.id, { status: 'needs-human' });
    throw new WaitRequest(
      Math.min(deadline, now.getTime() + ASSISTED_POLL_MS),
      `a human to revoke the key${lastAnswer}`,
      instruction,
    );
  }
  return {
    outcome: 'manual',
    summary: `The key is still ${liveness.state === 'live' ? 'live' : `not proven dead${lastAnswer}`} ${Math.round(ctx.policy.manualRevokeTimeoutMs / 3_600_000)} h after the instruction was given.`,
    instruction,
    detail: { path: 'assisted' },
  };
}
