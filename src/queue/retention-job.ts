import type { Queue } from 'bullmq';

/** The queue of the daily retention pass (one job a day, from a BullMQ job scheduler). */
export const RETENTION_QUEUE = 'retention';
/** The scheduler's id: every process that runs the retention worker upserts the same one. */
export const RETENTION_SCHEDULER_ID = 'incident-retention';
/** When the pass runs: daily at 04:00 UTC, away from the working day's webhook peaks. */
export const RETENTION_PATTERN = '0 4 * * *';
/** The name of the pass's jobs. */
export const RETENTION_JOB_NAME = 'archive-expired-incidents';
/** The retention jobs BullMQ keeps, done and failed: a month of days to look back on. */
export const RETENTION_JOBS_KEPT = 31;

/** What a retention job carries: nothing (the pass reads its settings from the process). */
export type RetentionJob = Record<string, never>;

/**
 * Makes sure the daily retention job is scheduled. Idempotent: with many processes upserting the
 * same scheduler id, BullMQ still makes one job a day, which one worker of the fleet takes.
 */
export async function scheduleRetention(queue: Queue<RetentionJob>): Promise<void> {
  await queue.upsertJobScheduler(
    RETENTION_SCHEDULER_ID,
    { pattern: RETENTION_PATTERN, tz: 'UTC' },
    {
      name: RETENTION_JOB_NAME,
      data: {},
      opts: {
        removeOnComplete: { count: RETENTION_JOBS_KEPT },
        removeOnFail: { count: RETENTION_JOBS_KEPT },
      },
    },
  );
}
