import { Queue, type ConnectionOptions } from 'bullmq';
import { scheduleSweeps, SWEEP_QUEUE, type SweepJob } from '../../sweep/sweep-schedule.js';
import { startSweepWorker } from '../../sweep/start-sweep-worker.js';
import { closableWorker } from './closable-worker.js';
import type { Closable } from './close-within.js';
import { createSweepDependencies } from './create-sweep-deps.js';
import { logRedisErrors } from './log-redis-errors.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** What {@link startSweeps} opened: the worker stops with the others, the queue closes with the queues. */
export interface StartedSweeps {
  readonly worker?: Closable;
  readonly queue: Closable;
}

/**
 * Missed deliveries: the `sweep` queue, its scheduler (every `ROOTGUARD_SWEEP_INTERVAL_MS`, plus
 * one sweep at start-up; removed when the interval is 0) and, when this process runs workers,
 * the sweep worker.
 */
export async function startSweeps(
  pieces: Pick<RuntimePieces, 'config' | 'probot' | 'redis' | 'prefix' | 'log'>,
  consumer: { readonly connection: ConnectionOptions; readonly prefix: string },
  runWorker: boolean,
): Promise<StartedSweeps> {
  const queue = new Queue<SweepJob>(SWEEP_QUEUE, { connection: pieces.redis, prefix: pieces.prefix });
  queue.on('error', logRedisErrors(pieces.log, 'sweep queue'));
  const closableQueue: Closable = { name: 'sweep queue', close: () => queue.close(), force: () => undefined };
  try {
    await scheduleSweeps(queue, pieces.config.sweepIntervalMs);
  } catch (error) {
    await queue.close();
    throw error;
  }
  if (!runWorker || pieces.config.sweepIntervalMs === 0) return { queue: closableQueue };
  const worker = startSweepWorker({
    ...consumer,
    sweep: createSweepDependencies(pieces),
    log: pieces.log.child({ name: 'sweep' }),
  });
  return { worker: closableWorker('sweep worker', worker, pieces.log), queue: closableQueue };
}
