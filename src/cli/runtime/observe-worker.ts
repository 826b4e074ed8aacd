import type { Job } from 'bullmq';

/** The metrics a worker's events feed (`src/observe`'s `RootguardMetrics`). */
export interface WorkerMetrics {
  jobWaited(queue: string, ms: number): void;
  jobStalled(queue: string): void;
  jobFailed(queue: string, error: unknown, final: boolean): void;
}

/** A BullMQ worker's events as the metrics read them. */
export interface ObservedWorker {
  on(event: 'active', listener: (job: Job) => void): unknown;
  on(event: 'stalled', listener: (jobId: string) => void): unknown;
  on(event: 'failed', listener: (job: Job | undefined, error: Error) => void): unknown;
}

/**
 * Counts a worker's jobs from its events: how long a new job waited before this worker took it
 * (first attempt only: a retried or parked job's wait is its backoff), the stalled jobs it took
 * back, and each failed attempt by upstream and reason (`final` once no attempt is left; the
 * error is the cleaned one, with name, code and status).
 */
export function observeWorker(metrics: WorkerMetrics, queue: string, worker: ObservedWorker): void {
  worker.on('active', (job) => {
    if (job.attemptsMade > 0 || (job.attemptsStarted ?? 1) > 1) return;
    const takenAt = job.processedOn ?? Date.now();
    metrics.jobWaited(queue, takenAt - job.timestamp - (job.delay ?? 0));
  });
  worker.on('stalled', () => metrics.jobStalled(queue));
  worker.on('failed', (job, error) => {
    const final = job === undefined || typeof job.finishedOn === 'number';
    metrics.jobFailed(queue, error, final);
  });
}
