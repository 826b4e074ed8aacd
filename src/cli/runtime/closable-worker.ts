import type { Logger } from 'pino';
import type { Closable } from './close-within.js';
import { logRedisErrors } from './log-redis-errors.js';

/** What the runtime needs of a BullMQ worker. */
export interface RuntimeWorker {
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * A started worker as the runtime keeps it: its errors logged under `name` (not printed), and a
 * `Closable` whose `close()` stops fetching and waits for its running jobs, and whose forcing
 * drops its connections.
 */
export function closableWorker(name: string, worker: RuntimeWorker, log: Logger): Closable {
  worker.on('error', logRedisErrors(log, name));
  return { name, close: () => worker.close(), force: () => void worker.disconnect().catch(() => undefined) };
}
