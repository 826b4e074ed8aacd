import type { Queue } from 'bullmq';

/** The queue of delivery sweeps: one job per sweep, made by the scheduler below. */
export const SWEEP_QUEUE = 'sweep';
/** The scheduler's id: one per Redis prefix, so a fleet sweeps once per interval, not once per process. */
export const SWEEP_SCHEDULER_ID = 'sweep-deliveries';
/** The job name of a sweep. */
export const SWEEP_JOB = 'sweep';
/** Finished sweeps kept (their counts are the job's result). */
const KEEP_SWEEPS = { count: 100 };

/** What a sweep job carries: nothing but why it runs. */
export interface SweepJob {
  readonly reason: 'interval' | 'start-up';
}

/**
 * Sweeps every `intervalMs` (a BullMQ job scheduler: every process upserts the same one, and one
 * worker of the fleet runs each sweep), plus one sweep now: a process that starts after the
 * receiver was down catches up at once. The start-up sweep's job id is the interval it falls in,
 * so a fleet starting together sweeps once. `intervalMs` 0 removes the scheduler (sweeps off).
 */
export async function scheduleSweeps(
  queue: Queue<SweepJob>,
  intervalMs: number,
  now: () => number = Date.now,
): Promise<void> {
  if (intervalMs <= 0) {
    await queue.removeJobScheduler(SWEEP_SCHEDULER_ID);
    return;
  }
  await queue.upsertJobScheduler(
    SWEEP_SCHEDULER_ID,
    { every: intervalMs },
    {
      name: SWEEP_JOB,
      data: { reason: 'interval' },
      opts: { removeOnComplete: KEEP_SWEEPS, removeOnFail: KEEP_SWEEPS },
    },
  );
  await queue.add(
    SWEEP_JOB,
    { reason: 'start-up' },
    {
      jobId: `start-up-${Math.floor(now() / intervalMs)}`,
      removeOnComplete: KEEP_SWEEPS,
      removeOnFail: KEEP_SWEEPS,
    },
  );
}
