import type { Logger } from 'pino';
import { closeWithin, type Closable } from './close-within.js';

/** A Redis connection as the runtime quits it. */
export interface QuittableConnection {
  quit(): Promise<unknown>;
  disconnect(): void;
}

/**
 * Closes the runtime within the shutdown grace (`ROOTGUARD_SHUTDOWN_GRACE_MS`): stop taking work
 * and let running steps finish, close the queues, quit the connections. What is still running when
 * the grace is over is forced (its jobs' locks lapse and another worker takes them over).
 */
export async function closeRuntime(
  log: Logger,
  graceMs: number,
  stages: readonly (readonly Closable[])[],
  ...connections: QuittableConnection[]
): Promise<void> {
  const quitting = connections.map((connection) => ({
    name: 'redis connection',
    // ioredis queues `QUIT` while Redis is down: without the grace it would wait for ever.
    close: () => connection.quit().catch(() => connection.disconnect()),
    force: () => connection.disconnect(),
  }));
  const { forced } = await closeWithin([...stages, quitting], graceMs);
  if (forced.length > 0)
    log.warn(
      { forced, graceMs },
      'shutdown grace over: running work given up, its jobs go back to the queue',
    );
}
