import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../redis/redis-client.js';
import { NotifyWait } from './notify-wait.js';

const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * How long a lock outlives a crashed holder. Short, because a live holder renews it (every
 * {@link REPORT_LOCK_RENEW_MS}): a dead worker delays the next report by at most this.
 */
export const REPORT_LOCK_MS = 5_000;
/** How often a live holder renews its lock: three chances before it would expire. */
export const REPORT_LOCK_RENEW_MS = Math.floor(REPORT_LOCK_MS / 3);

/** Options of {@link withReportLock} (tests shorten the lock). */
export interface ReportLockOptions {
  /** @defaultValue {@link REPORT_LOCK_MS} */
  readonly lockMs?: number;
}

/**
 * Runs `work` while holding `{prefix}:reports:lock:{name}`: two jobs that report to the same place
 * (the incident issue, one check run) never both find nothing and both create. When another job
 * holds it, throws `NotifyWait` to try again in a second. The lock is renewed while `work` runs,
 * so a slow report keeps it and a crashed worker's expires within `lockMs`.
 */
export async function withReportLock<T>(
  redis: RedisClient,
  prefix: string,
  name: string,
  work: () => Promise<T>,
  options: ReportLockOptions = {},
): Promise<T> {
  const lockMs = options.lockMs ?? REPORT_LOCK_MS;
  const key = `${prefix}:reports:lock:${name}`;
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', lockMs, 'NX')) !== 'OK')
    throw new NotifyWait(Date.now() + 1_000, `another report to ${name}`);
  const renewal = setInterval(
    () => void redis.eval(RENEW_LUA, 1, key, token, String(lockMs)).catch(() => undefined),
    Math.max(100, Math.floor(lockMs / 3)),
  );
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await redis.eval(RELEASE_LUA, 1, key, token);
  }
}
