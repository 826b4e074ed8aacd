import type { Queue } from 'bullmq';
import { z } from 'zod';
import { addJob } from './add-job.js';
import { JobDataError } from './errors.js';

/** The data of a job on the `playbook` queue: the incident to contain. */
export interface PlaybookJob {
  readonly incidentId: string;
}

/** How often a playbook run is tried before it stays failed. */
export const PLAYBOOK_ATTEMPTS = 12;
/**
 * The playbook's own backoff (the worker's `backoffStrategy`): Unkey's `Retry-After` when it
 * sent one, else 1 s doubling up to a minute, so twelve attempts span about six minutes.
 */
export const PLAYBOOK_BACKOFF = 'playbook';
export const PLAYBOOK_BACKOFF_MS = 1_000;
export const PLAYBOOK_BACKOFF_MAX_MS = 60_000;
export const KEEP_FAILED_PLAYBOOKS = { count: 5_000, age: 30 * 24 * 3600 };

const incidentId = z.string().regex(/^inc_[A-Za-z0-9_-]{22}$/);

/**
 * Adds the playbook job of an incident with `jobId` = incident id: while a job of that id exists
 * (waiting, active, delayed, failed), adding again is a no-op, and the running playbook picks up
 * new occurrences through the incident's `revision`. A completed job is removed, so a later leak
 * of the same key after the playbook finished starts a new run. Returns the job id.
 */
export async function enqueuePlaybook(queue: Queue<PlaybookJob>, id: string): Promise<string> {
  if (!incidentId.safeParse(id).success)
    throw new JobDataError('A playbook job needs an incident id from incidentIdFor; it was not added.');
  return addJob(
    queue,
    'playbook',
    { incidentId: id },
    {
      jobId: id,
      attempts: PLAYBOOK_ATTEMPTS,
      backoff: { type: PLAYBOOK_BACKOFF, delay: PLAYBOOK_BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: KEEP_FAILED_PLAYBOOKS,
    },
  );
}
