import type { Job } from 'bullmq';

/**
 * Wakes a playbook job parked as delayed (a step waiting for an approval or a human). A job that
 * is not delayed (running, or already woken) needs nothing: promote's refusal of a job someone
 * else promoted in the meantime (a waker and the worker itself, see `startPlaybookWorker`) is not
 * an error.
 */
export async function wakeParkedJob(job: Job | undefined): Promise<void> {
  if (!job || !(await job.isDelayed())) return;
  try {
    await job.promote();
  } catch (error) {
    if (await job.isDelayed()) throw error;
  }
}
