import type { Queue } from 'bullmq';
import { z } from 'zod';
import { addJob } from '../../queue/add-job.js';
import { JobDataError } from '../../queue/errors.js';
import {
  NOTIFY_TRIGGERS,
  type NotifyJob,
  type NotifyRequest,
  type NotifyTrigger,
} from '../../queue/notify-job.js';
import { REPORTER_NAMES, type ReporterName } from '../incident/reporter-names.js';

export const NOTIFY_ATTEMPTS = 8;
/** The reporters' own backoff (the worker's `backoffStrategy`): `Retry-After` when sent, else doubling. */
export const NOTIFY_BACKOFF = 'notify';
export const NOTIFY_BACKOFF_MS = 2_000;
export const NOTIFY_BACKOFF_MAX_MS = 5 * 60_000;
export const KEEP_FAILED_NOTIFICATIONS = { count: 5_000, age: 30 * 24 * 3600 };

export const notifyJobSchema = z.strictObject({
  incidentId: z.string().regex(/^inc_[A-Za-z0-9_-]{22}$/),
  run: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative(),
  trigger: z.enum(NOTIFY_TRIGGERS).optional(),
  reporter: z.enum(REPORTER_NAMES),
});

/**
 * The Slack message a request sends: `opened` when a run starts, `waiting` when it first waits
 * for a human (an approval, a rotation by hand), `closed` when it ends, or when a human changed
 * how it ended (`rootguard deliver`, a false positive). `kind` is how it is rendered. The
 * reporter sends each `opened` and `waiting` once per run, and a `closed` once per run and status.
 */
export function slackMessageFor(
  trigger: NotifyTrigger | undefined,
): { readonly message: 'opened' | 'waiting' | 'closed'; readonly kind: 'opened' | 'closed' } | undefined {
  if (trigger === 'opened') return { message: 'opened', kind: 'opened' };
  if (trigger === 'waiting') return { message: 'waiting', kind: 'closed' };
  if (trigger === undefined || trigger === 'false-positive' || trigger === 'delivered')
    return { message: 'closed', kind: 'closed' };
  return undefined;
}

/** The reporters a request concerns (Slack only for its two messages; a scan only its check run). */
export function reportersFor(request: NotifyRequest): ReporterName[] {
  if (request.trigger === 'scanned') return ['check-run'];
  if (request.trigger === 'issue-opened') return ['pull-request', 'check-run'];
  return REPORTER_NAMES.filter((name) => name !== 'slack' || slackMessageFor(request.trigger) !== undefined);
}

/**
 * Adds one job per reporter (`reporters`, default: those the request concerns). `jobId` names the
 * incident, run, revision, trigger and reporter, so a request handed over twice while its jobs
 * wait adds nothing; the reporters themselves skip a state they already sent, so a job that runs
 * twice edits rather than duplicates. Returns the job ids.
 */
export async function enqueueNotify(
  queue: Queue<NotifyJob>,
  request: NotifyRequest,
  reporters: readonly ReporterName[] = reportersFor(request),
): Promise<string[]> {
  const ids: string[] = [];
  for (const reporter of reporters) {
    const job: NotifyJob<ReporterName> = { ...request, reporter };
    if (!notifyJobSchema.safeParse(job).success)
      throw new JobDataError(
        'A notify job needs an incident id, a run, a revision and a reporter; it was not added.',
      );
    ids.push(
      await addJob(queue, `report-${reporter}`, job, {
        jobId: `${job.incidentId}-r${job.run}-v${job.revision}-${job.trigger ?? 'report'}-${reporter}`,
        attempts: NOTIFY_ATTEMPTS,
        backoff: { type: NOTIFY_BACKOFF, delay: NOTIFY_BACKOFF_MS },
        // Gone once done: a later request for the same state (a second retry) is a new job.
        removeOnComplete: true,
        removeOnFail: KEEP_FAILED_NOTIFICATIONS,
      }),
    );
  }
  return ids;
}
