import { Redis, type RedisOptions } from 'ioredis';

/** Which side of the queue a connection serves. */
export type RedisRole = 'producer' | 'worker';

/** How long a producer waits for a TCP connection to Redis. */
export const PRODUCER_CONNECT_TIMEOUT_MS = 2_000;
/** How long a producer's command may take before it fails (a stalled Redis must not hang a webhook). */
export const PRODUCER_COMMAND_TIMEOUT_MS = 5_000;
/** The longest pause between reconnection attempts. */
export const MAX_RECONNECT_DELAY_MS = 5_000;

/** Options of `createRedisConnection`. */
export interface RedisConnectionOptions {
  /** Called with connection errors (ioredis prints them to stderr when nobody listens). */
  readonly onError?: (error: Error) => void;
}

/**
 * An ioredis connection for BullMQ and the incident store.
 * - `producer` (the webhook receiver): commands fail at once while Redis is down
 *   (`enableOfflineQueue: false`, one retry, short timeouts), so the receiver answers 503
 *   instead of hanging; it keeps reconnecting in the background.
 * - `worker`: `maxRetriesPerRequest: null`, as BullMQ requires for blocking commands; commands
 *   wait for Redis to come back.
 */
export function createRedisConnection(
  url: string,
  role: RedisRole,
  options: RedisConnectionOptions = {},
): Redis {
  const retryStrategy = (times: number) => Math.min(times * 200, MAX_RECONNECT_DELAY_MS);
  const roleOptions: RedisOptions =
    role === 'producer'
      ? {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: PRODUCER_CONNECT_TIMEOUT_MS,
          commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS,
        }
      : { maxRetriesPerRequest: null };
  const redis = new Redis(url, { ...roleOptions, retryStrategy, connectionName: `rootguard-${role}` });
  if (options.onError) redis.on('error', options.onError);
  return redis;
}
