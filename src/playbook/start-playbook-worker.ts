import { DelayedError, Job, UnrecoverableError, WaitingError, Worker, type ConnectionOptions } from 'bullmq';
import { cleanError } from '../queue/clean-error.js';
import { jobLockOptions, type JobLockSettings } from '../queue/job-lock.js';
import {
  PLAYBOOK_BACKOFF,
  PLAYBOOK_BACKOFF_MAX_MS,
  PLAYBOOK_BACKOFF_MS,
  type PlaybookJob,
} from '../queue/playbook-job.js';
import { PLAYBOOK_QUEUE } from '../queue/queues.js';
import type { PlaybookDependencies } from './playbook-dependencies.js';
import { isRetryable, retryAfterMs } from './retryable.js';
import { runPlaybook, type PlaybookRunResult } from './run-playbook.js';
import type { StepName } from './step-names.js';
import { wakeParkedJob } from './wake-parked-job.js';

/** Options of {@link startPlaybookWorker}; the lock settings default as in `job-lock.ts`. */
export interface PlaybookWorkerOptions extends JobLockSettings {
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue 'rootguard' */
  readonly prefix?: string;
  /** Incidents worked on at once in this process. @defaultValue 8 */
  readonly concurrency?: number;
  readonly deps: PlaybookDependencies;
  /** Queues the incident's playbook again (occurrences that arrived as a run finished). */
  readonly requeue: (incidentId: string) => Promise<unknown>;
  /**
   * How often the follow-up markers of finished runs are swept (see `startPlaybookWorker`); the
   * first sweep runs at start. @defaultValue `lockMs`
   */
  readonly followUpSweepMs?: number;
}

/** The delay before the next attempt: Unkey's `Retry-After`, else 1 s doubling up to a minute. */
export function playbookBackoff(
  attemptsMade: number,
  type: string | undefined,
  error: Error | undefined,
): number {
  if (type !== PLAYBOOK_BACKOFF) return PLAYBOOK_BACKOFF_MS;
  const asked = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (typeof asked === 'number' && asked > 0) return Math.min(asked, 15 * 60_000);
  return Math.min(PLAYBOOK_BACKOFF_MS * 2 ** Math.max(0, attemptsMade - 1), PLAYBOOK_BACKOFF_MAX_MS);
}

/**
 * Starts the worker of the `playbook` queue. A step that waits (approval, a human, a rate limit)
 * parks the job as delayed without spending an attempt; once `close()` is called, a running
 * playbook finishes its current step and goes back to waiting (for another worker); a retryable failure is retried with
 * `playbookBackoff`; anything else fails at once. Errors pass `cleanError` before BullMQ keeps them.
 *
 * An occurrence recorded while the incident's job still exists is not queued again (same job
 * id), so a run that ends checks for one. That check must survive a crash between the job's
 * completion and the `completed` event: each run marks its incident in Redis (`RunStore.markFollowUp`)
 * before it completes; the `completed` handler checks and unmarks it, and every worker sweeps the
 * marks whose job is gone at start and every `followUpSweepMs`, so another process does it.
 */
export function startPlaybookWorker(options: PlaybookWorkerOptions): Worker<PlaybookJob, PlaybookRunResult> {
  const { deps } = options;
  const worker: Worker<PlaybookJob, PlaybookRunResult> = new Worker<PlaybookJob, PlaybookRunResult>(
    PLAYBOOK_QUEUE,
    async (job, token) => {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      let result: PlaybookRunResult;
      try {
        // Between steps, a closing worker hands the job back rather than start another step.
        result = await runPlaybook(deps, job.data.incidentId, {
          finalAttempt,
          stopping: () => worker.closing !== undefined,
        });
      } catch (error) {
        throw failure(deps, job, error);
      }
      if (result.kind === 'wait') {
        await job.moveToDelayed(result.until, token);
        await wakeIfWokenWhileActive(deps, job, result.step);
        throw new DelayedError();
      }
      if (result.kind === 'released') {
        // Back to waiting, lock released, no attempt spent: another worker resumes at once.
        deps.log.info(
          { incident: job.data.incidentId, next: result.step },
          'playbook handed back: shutting down',
        );
        await job.moveToWait(token);
        throw new WaitingError();
      }
      // Durable before the job completes: the follow-up check is never lost with this process.
      await deps.runs.markFollowUp(job.data.incidentId);
      return result;
    },
    {
      connection: options.connection,
      prefix: options.prefix ?? 'rootguard',
      concurrency: options.concurrency ?? 8,
      ...jobLockOptions(options),
      settings: { backoffStrategy: playbookBackoff },
    },
  );
  worker.on('completed', (job) => {
    void checkFollowUp(options, job.data.incidentId);
  });
  const sweep = () => void sweepFollowUps(options, worker);
  sweep();
  const timer = setInterval(sweep, options.followUpSweepMs ?? options.lockMs ?? 30_000);
  timer.unref();
  worker.on('closing', () => clearInterval(timer));
  return worker;
}

/**
 * An approval or a false positive wakes the incident's job only when it finds it delayed. One that
 * landed while this pass was still active (the gate writes 'awaiting-approval', hands the report
 * over, and only then is the job parked) found it running: look once more now that it is parked,
 * or the job would sleep until its next look (a minute for an approval) with the key still live.
 * Never throws: the job is parked already, and at worst wakes at its own time.
 */
async function wakeIfWokenWhileActive(
  deps: PlaybookDependencies,
  job: Job<PlaybookJob>,
  step: StepName,
): Promise<void> {
  try {
    const incident = await deps.incidents.get(job.data.incidentId);
    // The gate waits only for an incident not approved when it looked: an approval now is new.
    const woken =
      incident?.status === 'false-positive' || (step === 'gate' && incident?.approvedAt !== undefined);
    if (woken) await wakeParkedJob(job);
  } catch (error) {
    deps.log.warn({ err: cleanError(error), incident: job.data.incidentId }, 'parked playbook not woken');
  }
}

function failure(deps: PlaybookDependencies, job: Job<PlaybookJob>, error: unknown): Error {
  const cleaned = cleanError(error);
  const retryable = isRetryable(error);
  const fields = { err: cleaned, incident: job.data.incidentId, attempt: job.attemptsMade + 1 };
  if (retryable) deps.log.warn(fields, 'playbook step will be retried');
  else deps.log.error(fields, 'playbook failed');
  if (!retryable) return new UnrecoverableError(cleaned.message);
  const wait = retryAfterMs(error);
  return wait === undefined ? cleaned : Object.assign(cleaned, { retryAfterMs: wait });
}

/** Queues the follow-up run if one is due, then unmarks the incident; a failure leaves the mark. */
async function checkFollowUp(options: PlaybookWorkerOptions, incidentId: string): Promise<void> {
  try {
    await followUp(options, incidentId);
    await options.deps.runs.clearFollowUp(incidentId);
  } catch (error) {
    options.deps.log.error({ err: cleanError(error), incident: incidentId }, 'playbook follow-up not queued');
  }
}

/**
 * Checks the marked incidents whose job is gone (completed and removed): their run finished, and
 * the process that finished it may have died before its `completed` handler ran. A mark whose job
 * still exists is left to that job's own completion.
 */
async function sweepFollowUps(
  options: PlaybookWorkerOptions,
  worker: Worker<PlaybookJob, PlaybookRunResult>,
): Promise<void> {
  try {
    for (const incidentId of await options.deps.runs.followUps()) {
      if (worker.closing) return;
      if (await Job.fromId(worker, incidentId)) continue;
      await checkFollowUp(options, incidentId);
    }
  } catch (error) {
    if (!worker.closing) options.deps.log.error({ err: cleanError(error) }, 'playbook follow-ups not swept');
  }
}

/**
 * An occurrence recorded while the job was still there was not queued again (same job id): if
 * the incident's revision moved past what the run reported, queue it now.
 */
async function followUp(options: PlaybookWorkerOptions, incidentId: string): Promise<void> {
  const [incident, state] = await Promise.all([
    options.deps.incidents.get(incidentId),
    options.deps.runs.currentRun(incidentId),
  ]);
  if (!incident || !state?.run.finishedAt || incident.status === 'false-positive') return;
  if (incident.revision > (state.run.reportedRevision ?? state.run.revision))
    await options.requeue(incidentId);
}
