import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { statusOf, rateLimitWaitMs } from '../../github/github-answer.js';
import type { ReporterDelivery } from '../../incidents/report-store.js';
import { cleanError } from '../../queue/clean-error.js';
import { jobLockOptions, type JobLockSettings } from '../../queue/job-lock.js';
import type { NotifyJob } from '../../queue/notify-job.js';
import { NOTIFY_QUEUE } from '../../queue/queues.js';
import { loadIncidentReport } from '../incident/load-incident-report.js';
import { REPORTER_NAMES } from '../incident/reporter-names.js';
import {
  NOTIFY_BACKOFF,
  NOTIFY_BACKOFF_MAX_MS,
  NOTIFY_BACKOFF_MS,
  notifyJobSchema,
} from './enqueue-notify.js';
import type { NotifyDependencies } from './notify-dependencies.js';
import { NotifyWait, ReportRefused } from './notify-wait.js';
import { REPORTERS } from '../incident/registry.js';
import type { ReporterResult } from '../incident/reporter.js';
import { SlackDeliveryError } from '../incident/slack/send-slack-message.js';

/** Options of {@link startNotifyWorker}; the lock settings default as in `job-lock.ts`. */
export interface NotifyWorkerOptions extends JobLockSettings {
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue 'rootguard' */
  readonly prefix?: string;
  /** Reports sent at once by this process. @defaultValue 4 */
  readonly concurrency?: number;
  readonly deps: NotifyDependencies;
}

/** What a finished notify job keeps. */
export type NotifyJobResult = ReporterResult & { readonly reporter: string };

/** The delay before a report's next attempt: the `Retry-After` it met, else 2 s doubling to 5 min. */
export function notifyBackoff(
  attemptsMade: number,
  type: string | undefined,
  error: Error | undefined,
): number {
  if (type !== NOTIFY_BACKOFF) return NOTIFY_BACKOFF_MS;
  const asked = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (typeof asked === 'number' && asked > 0) return Math.min(asked, 60 * 60_000);
  return Math.min(NOTIFY_BACKOFF_MS * 2 ** Math.max(0, attemptsMade - 1), NOTIFY_BACKOFF_MAX_MS);
}

/**
 * Starts the worker of the `notify` queue: each job runs one reporter over the incident's
 * current record. A wait (a rate limit in force, another job on the same target) parks the job
 * without spending an attempt; a retryable failure is retried with `notifyBackoff`; a failure
 * that will not heal, or the last attempt, records the reporter as failed so the other reports
 * say so. Nothing here touches the playbook: a failing reporter never delays containment.
 */
export function startNotifyWorker(options: NotifyWorkerOptions): Worker<NotifyJob, NotifyJobResult> {
  const { deps } = options;
  return new Worker<NotifyJob, NotifyJobResult>(
    NOTIFY_QUEUE,
    async (job, token) => {
      const parsed = notifyJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('The notify job is malformed; it was dropped.');
      const data = parsed.data;
      const reporter = REPORTERS[data.reporter];
      try {
        const report = await loadIncidentReport(deps, data.incidentId);
        if (!report) return { reporter: reporter.name, outcome: 'nothing', detail: 'no such incident' };
        const result = await reporter.deliver({ deps, report, job: data });
        // "nothing" (no pull request, no Slack route) is no delivery, and no recovery either.
        if (result.outcome !== 'nothing')
          await recordDelivery(deps, data, {
            reporter: reporter.name,
            status: 'sent',
            at: deps.now().toISOString(),
          });
        if (result.outcome !== 'unchanged')
          deps.log.info(
            {
              incident: data.incidentId,
              reporter: reporter.name,
              trigger: data.trigger,
              outcome: result.outcome,
              detail: result.detail,
            },
            'report delivered',
          );
        return { reporter: reporter.name, ...result };
      } catch (error) {
        if (error instanceof NotifyWait) {
          await job.moveToDelayed(error.until + Math.floor(Math.random() * 250), token);
          throw new DelayedError();
        }
        throw await failure(deps, job, data, error);
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix ?? 'rootguard',
      concurrency: options.concurrency ?? 4,
      // A crash mid-report frees the job as soon as a crash mid-playbook does.
      ...jobLockOptions(options),
      settings: { backoffStrategy: notifyBackoff },
    },
  );
}

/** Whether another attempt could succeed: rate limits, 5xx, network; not 4xx or a refused route. */
function isRetryableReport(error: unknown): boolean {
  if (error instanceof ReportRefused) return false;
  if (error instanceof SlackDeliveryError) return true;
  if (rateLimitWaitMs(error) !== undefined) return true;
  const status = statusOf(error);
  if (status !== undefined) return status >= 500 || status === 408;
  return !(error instanceof UnrecoverableError);
}

async function failure(
  deps: NotifyDependencies,
  job: Job<NotifyJob>,
  data: NotifyJob,
  error: unknown,
): Promise<Error> {
  const cleaned = cleanError(error);
  const retryable = isRetryableReport(error);
  const final = !retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  // Counted here: the queue sees a final failure only as the UnrecoverableError below.
  deps.metrics?.reportFailed(data.reporter, cleaned, final);
  const fields = {
    err: cleaned,
    incident: data.incidentId,
    reporter: data.reporter,
    attempt: job.attemptsMade + 1,
  };
  if (!final) {
    deps.log.warn(fields, 'report not delivered; it will be retried');
    const wait = error instanceof SlackDeliveryError ? error.retryAfterMs : rateLimitWaitMs(error);
    return wait === undefined ? cleaned : Object.assign(cleaned, { retryAfterMs: wait });
  }
  deps.log.error(fields, 'report not delivered');
  await recordDelivery(deps, data, {
    reporter: data.reporter,
    status: 'failed',
    at: deps.now().toISOString(),
    error: cleaned.message.slice(0, 300),
  }).catch((e: unknown) =>
    deps.log.error({ err: cleanError(e), incident: data.incidentId }, 'report failure not recorded'),
  );
  return new UnrecoverableError(cleaned.message);
}

/**
 * Records how a reporter's delivery went; when that changes (it failed, or works again), the
 * other reporters report again so they name it, or stop naming it.
 */
async function recordDelivery(
  deps: NotifyDependencies,
  job: NotifyJob,
  delivery: ReporterDelivery,
): Promise<void> {
  const before = (await deps.reports.deliveries(job.incidentId)).find(
    (d) => d.reporter === delivery.reporter,
  );
  await deps.reports.recordDelivery(job.incidentId, delivery);
  const changed = (before?.status ?? 'sent') !== delivery.status;
  if (!changed) return;
  await deps.notify(
    {
      incidentId: job.incidentId,
      run: job.run,
      revision: job.revision,
      trigger: delivery.status === 'failed' ? 'reporter-failed' : 'reporter-recovered',
    },
    REPORTER_NAMES.filter((name) => name !== delivery.reporter && name !== 'slack'),
  );
}
