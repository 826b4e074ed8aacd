import type { Queue } from 'bullmq';
import { resolvePolicy } from '../config/resolve-policy.js';
import { fingerprintKey } from '../detect/fingerprint.js';
import type { Secret } from '../detect/secret.js';
import type { StepRecord } from '../incidents/step-record.js';
import type { PlaybookJob } from '../queue/playbook-job.js';
import { describeLiveness } from '../unkey/probe-liveness.js';
import { PlaybookError } from './errors.js';
import type { PlaybookDependencies } from './playbook-dependencies.js';
import { createPassMemo } from './pass-memo.js';
import { readDeployKeys, sealReplacement } from './seal-replacement.js';
import { statusAfterRun } from './status-after-run.js';
import { distribute } from './steps/distribute.js';
import type { StepContext } from './step-context.js';
import { detailOf, type StepDetailOf } from './step-details.js';
import type { StepName } from './step-names.js';
import { wakeParkedJob } from './wake-parked-job.js';

/** Why `rootguard deliver` refused a key. */
export class DeliverError extends Error {
  override readonly name = 'DeliverError';
  readonly code: 'not-the-replacement' | 'not-live' | 'no-run' | 'no-targets';

  constructor(code: DeliverError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The assisted path's hand-over: a human rotated the leaked key and gives rootguard the new one.
 * It must be a live key other than the leaked one; it is sealed for the incident's deploy targets
 * at once (as the automatic path does), the `distribute` step runs from the ciphertexts, and its
 * outcome replaces the one recorded. The playbook, if it waits, is woken.
 */
export async function deliverReplacement(
  deps: PlaybookDependencies,
  queue: Queue<PlaybookJob> | undefined,
  incidentId: string,
  key: Secret,
): Promise<StepRecord<StepName>> {
  const incident = await deps.incidents.get(incidentId);
  const state = await deps.runs.currentRun(incidentId);
  if (!incident || !state)
    throw new DeliverError('no-run', `Incident ${incidentId} has no playbook run yet.`);
  if (fingerprintKey(key.reveal()) === incident.fingerprint)
    throw new DeliverError(
      'not-the-replacement',
      `That is the leaked key ${incident.masked} itself, not its replacement.`,
    );
  // Only a key Unkey accepts is deployed: a disabled, expired or unknown answer is refused, named.
  const liveness = await deps.unkey.probeLiveness(key);
  if (liveness.state !== 'live')
    throw new DeliverError(
      'not-live',
      `Unkey does not accept ${key.masked} (${liveness.state}: ${describeLiveness(liveness)}): deliver the new, working key.`,
    );
  const identify = detailOf({ steps: state.steps }, 'identify');
  if (!identify.deploy || identify.deploy.length === 0)
    throw new DeliverError(
      'no-targets',
      `Incident ${incidentId} has no deploy target: add the key's targets to the operator config (rootKeys[].deploy) first.`,
    );
  const occurrences = await deps.incidents.occurrences(incidentId);
  const first = occurrences[0];
  if (!first) throw new PlaybookError('bad-state', `Incident ${incidentId} has no occurrence.`);
  const sealed = await sealReplacement(await readDeployKeys(deps, identify.deploy), { key });
  const startedAt = deps.now();
  let progress: StepDetailOf<'distribute'> = { delivered: true };
  const record = (): StepRecord<StepName> => ({
    step: 'distribute',
    summary: 'running (delivered by hand)',
    startedAt: startedAt.toISOString(),
    detail: progress,
  });
  await deps.runs.saveStep(incidentId, state.run.run, record());
  const ctx: StepContext<'distribute'> = {
    deps,
    incident,
    occurrences,
    policy: resolvePolicy(deps.config, first.location.repo),
    run: state.run,
    steps: state.steps,
    startedAt,
    progress: {},
    checkpoint: async (detail) => {
      progress = { ...progress, ...detail };
      await deps.runs.saveStep(incidentId, state.run.run, record());
    },
    leakedKey: async () => undefined,
    once: createPassMemo(),
    finalAttempt: true,
  };
  const result = await distribute(ctx, sealed);
  const finishedAt = deps.now();
  const done: StepRecord<StepName> = {
    step: 'distribute',
    outcome: result.outcome,
    summary: `Delivered by hand: ${result.summary}`,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    ...(result.instruction ? { instruction: result.instruction } : {}),
    detail: {
      ...result.detail,
      delivered: true,
      newFingerprint: sealed.newFingerprint,
      newMasked: sealed.newMasked,
    },
  };
  // A finished run's status changes with the record (readers never see one without the other).
  const status = state.run.finishedAt
    ? statusAfterRun(new Map(state.steps).set('distribute', done), ctx.policy.mode)
    : undefined;
  await deps.runs.finishStep(
    incidentId,
    state.run.run,
    done,
    {
      at: finishedAt.toISOString(),
      run: state.run.run,
      step: 'distribute',
      event: 'delivered',
      text: done.summary,
    },
    status ? { status } : {},
  );
  if (status)
    await deps.notify({ incidentId, run: state.run.run, revision: incident.revision, trigger: 'delivered' });
  await wakeParkedJob(queue ? await queue.getJob(incidentId) : undefined);
  return done;
}
