import type { Redis } from 'ioredis';
import { QueueUnavailableError, RedisPolicyError } from './errors.js';

/** How long start-up waits for Redis to answer. */
export const REDIS_READY_TIMEOUT_MS = 10_000;

const FIX =
  "set `maxmemory-policy noeviction` (CONFIG SET maxmemory-policy noeviction, redis.conf, or your provider's parameter group)";

/**
 * Refuses a Redis that may evict keys. BullMQ keeps jobs (and rootguard its incidents, without
 * expiry) in Redis; under any `maxmemory-policy` but `noeviction`, Redis deletes keys when memory
 * runs out and jobs are lost silently. Reads the policy with `CONFIG GET`, or from `INFO memory`
 * where CONFIG is disabled (managed Redis).
 */
export async function assertRedisReady(connection: Redis, timeoutMs = REDIS_READY_TIMEOUT_MS): Promise<void> {
  await waitForRedisReady(connection, timeoutMs);
  const policy = (await policyFromConfig(connection)) ?? (await policyFromInfo(connection));
  if (policy === undefined)
    throw new RedisPolicyError(
      'redis-policy-unknown',
      `Redis does not say its maxmemory-policy (CONFIG GET and INFO memory both failed); rootguard needs noeviction because BullMQ loses jobs when Redis evicts keys: ${FIX}.`,
    );
  if (policy !== 'noeviction')
    throw new RedisPolicyError(
      'redis-policy',
      `Redis uses maxmemory-policy ${policy}, which evicts keys when memory runs out and so loses BullMQ jobs and incidents; ${FIX}.`,
    );
}

async function policyFromConfig(connection: Redis): Promise<string | undefined> {
  try {
    const reply = (await connection.config('GET', 'maxmemory-policy')) as unknown;
    return Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : undefined;
  } catch {
    return undefined; // CONFIG renamed or forbidden: managed Redis. INFO still tells.
  }
}

async function policyFromInfo(connection: Redis): Promise<string | undefined> {
  try {
    return /^maxmemory_policy:(\S+)/m.exec(await connection.info('memory'))?.[1];
  } catch {
    return undefined;
  }
}

/** Resolves once the connection is ready; `QueueUnavailableError` after `timeoutMs`. */
export async function waitForRedisReady(
  connection: Redis,
  timeoutMs = REDIS_READY_TIMEOUT_MS,
): Promise<void> {
  if (connection.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(
        new QueueUnavailableError(
          `Redis did not answer within ${timeoutMs} ms; check ROOTGUARD_REDIS_URL and that Redis is running.`,
        ),
      );
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('ready', onReady);
  });
}
