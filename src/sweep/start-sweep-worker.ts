import { Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import { cleanError } from '../queue/clean-error.js';
import { SWEEP_QUEUE, type SweepJob } from './sweep-schedule.js';
import type { SweepResult } from './sweep-deliveries.js';

/** Options of {@link startSweepWorker}. */
export interface SweepWorkerOptions {
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue 'rootguard' */
  readonly prefix?: string;
  /** Runs one sweep (`sweepDeliveries` with the App's client, the ledger and the marks). */
  readonly sweep: () => Promise<SweepResult>;
  readonly log: Logger;
}

/**
 * Starts the worker of the `sweep` queue: one sweep at a time per process. A failed sweep is not
 * retried: the next one comes within the interval and reads the same log.
 */
export function startSweepWorker(options: SweepWorkerOptions): Worker<SweepJob, SweepResult> {
  return new Worker<SweepJob, SweepResult>(
    SWEEP_QUEUE,
    async (job) => {
      try {
        const result = await options.sweep();
        options.log.info({ reason: job.data.reason, ...result }, 'delivery sweep done');
        return result;
      } catch (error) {
        const cleaned = cleanError(error);
        options.log.warn({ err: cleaned, reason: job.data.reason }, 'delivery sweep failed');
        throw cleaned;
      }
    },
    { connection: options.connection, prefix: options.prefix ?? 'rootguard', concurrency: 1 },
  );
}
