import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { NotifyWait } from './notify-wait.js';

const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** How long a lock outlives a crashed holder. */
export const REPORT_LOCK_MS = 60_000;

/**
 * Runs `work` while holding `{prefix}:reports:lock:{name}`: two jobs that report to the same place
 * (the incident issue, one check run) never both find nothing and both create. When another job
 * holds it, throws `NotifyWait` to try again in a second.
 */
export async function withReportLock<T>(
  redis: Redis,
  prefix: string,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const key = `${prefix}:reports:lock:${name}`;
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', REPORT_LOCK_MS, 'NX')) !== 'OK')
    throw new NotifyWait(Date.now() + 1_000, `another report to ${name}`);
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE_LUA, 1, key, token);
  }
}
