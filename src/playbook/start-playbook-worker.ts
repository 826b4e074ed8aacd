import {
  DelayedError,
  UnrecoverableError,
  WaitingError,
  Worker,
  type ConnectionOptions,
  type Job,
} from 'bullmq';
import { cleanError } from '../queue/clean-error.js';
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

/** Options of {@link startPlaybookWorker}. */
export interface PlaybookWorkerOptions {
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue 'rootguard' */
  readonly prefix?: string;
  /** Incidents worked on at once in this process. @defaultValue 8 */
  readonly concurrency?: number;
  /** How soon a dead worker's job is taken over (BullMQ `lockDuration` and `stalledInterval`). @defaultValue 30000 */
  readonly lockMs?: number;
  readonly deps: PlaybookDependencies;
  /** Queues the incident's playbook again (occurrences that arrived as a run finished). */
  readonly requeue: (incidentId: string) => Promise<unknown>;
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
 */
export function startPlaybookWorker(options: PlaybookWorkerOptions): Worker<PlaybookJob, PlaybookRunResult> {
  const { deps } = options;
  const worker = new Worker<PlaybookJob, PlaybookRunResult>(
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
      return result;
    },
    {
      connection: options.connection,
      prefix: options.prefix ?? 'rootguard',
      concurrency: options.concurrency ?? 8,
      lockDuration: options.lockMs ?? 30_000,
      stalledInterval: options.lockMs ?? 30_000,
      settings: { backoffStrategy: playbookBackoff },
    },
  );
  worker.on('completed', (job) => {
    void followUp(options, job.data.incidentId).catch((error: unknown) =>
      deps.log.error(
        { err: cleanError(error), incident: job.data.incidentId },
        'playbook follow-up not queued',
      ),
    );
  });
  return worker;
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
