import type { Logger } from 'pino';
import { cleanError } from '../../queue/clean-error.js';

/** While Redis is down every reconnect fails: one log line per this interval is enough. */
const REPEAT_AFTER_MS = 30_000;

/**
 * An `error` listener for a Redis connection, queue or worker: without one, ioredis and BullMQ
 * print to the console, past the logger and its mask. Logs the first error, then at most one
 * per {@link REPEAT_AFTER_MS}, with how many were left out.
 */
export function logRedisErrors(
  log: Logger,
  source: string,
  now: () => number = Date.now,
): (error: Error) => void {
  let last = -Infinity;
  let skipped = 0;
  return (error) => {
    if (now() - last < REPEAT_AFTER_MS) {
      skipped++;
      return;
    }
    last = now();
    log.warn({ err: cleanError(error), source, repeatsLeftOut: skipped }, 'redis error');
    skipped = 0;
  };
}
