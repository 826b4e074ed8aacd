import type { Queue } from 'bullmq';
import { z } from 'zod';
import { addJob } from './add-job.js';
import { JobDataError } from './errors.js';

/** The data of a job on the `notify` queue: which state of which incident to report. */
export interface NotifyJob {
  readonly incidentId: string;
  /** The playbook run being reported. */
  readonly run: number;
  /** The incident's `revision` the report covers. */
  readonly revision: number;
  /** What else changed, when not a playbook run (e.g. `delivered`): a report of its own. */
  readonly trigger?: string;
}

export const NOTIFY_ATTEMPTS = 8;
export const NOTIFY_BACKOFF_MS = 2_000;
export const KEEP_FAILED_NOTIFICATIONS = { count: 5_000, age: 30 * 24 * 3600 };

const notifyJobSchema = z.strictObject({
  incidentId: z.string().regex(/^inc_[A-Za-z0-9_-]{22}$/),
  run: z.number().int().positive(),
  revision: z.number().int().nonnegative(),
  trigger: z
    .string()
    .regex(/^[a-z-]{1,32}$/)
    .optional(),
});

/**
 * Adds a report job; `jobId` = incident, run and revision, so the same state is reported once
 * however often a crashed playbook hands it over again. Returns the job id.
 */
export async function enqueueNotify(queue: Queue<NotifyJob>, job: NotifyJob): Promise<string> {
  if (!notifyJobSchema.safeParse(job).success)
    throw new JobDataError('A notify job needs an incident id, a run and a revision; it was not added.');
  return addJob(queue, 'report', job, {
    jobId: `${job.incidentId}-r${job.run}-v${job.revision}${job.trigger ? `-${job.trigger}` : ''}`,
    attempts: NOTIFY_ATTEMPTS,
    backoff: { type: 'exponential', delay: NOTIFY_BACKOFF_MS },
    removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
    removeOnFail: KEEP_FAILED_NOTIFICATIONS,
  });
}
