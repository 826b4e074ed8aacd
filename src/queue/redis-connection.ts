import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisAddress } from '../redis/redis-address.js';
import type { RedisClient } from '../redis/redis-client.js';

/** Which side of the queue a connection serves. */
export type RedisRole = 'producer' | 'worker';

/** How long a producer waits for a TCP connection to Redis. */
export const PRODUCER_CONNECT_TIMEOUT_MS = 2_000;
/** How long a producer's command may take before it fails (a stalled Redis must not hang a webhook). */
export const PRODUCER_COMMAND_TIMEOUT_MS = 5_000;
/** The longest pause between reconnection attempts. */
export const MAX_RECONNECT_DELAY_MS = 5_000;
/**
 * How long a cluster command waits between tries while a master fails over (`CLUSTERDOWN`, a
 * node gone): ioredis retries up to its redirection limit, so a failover of a few seconds is
 * ridden out by workers; a producer's command still fails within its timeout (a 503).
 */
export const CLUSTER_FAILOVER_RETRY_MS = 300;

/** Options of `createRedisConnection`. */
export interface RedisConnectionOptions {
  /** Called with connection errors (ioredis prints them to stderr when nobody listens). */
  readonly onError?: (error: Error) => void;
}

/**
 * An ioredis connection for BullMQ and the incident store, to one server or a Redis Cluster
 * (`address.cluster`: the URLs are seed nodes; the client follows `MOVED` and failovers).
 * - `producer` (the webhook receiver): commands fail at once while Redis is down
 *   (`enableOfflineQueue: false`, one retry, short timeouts), so the receiver answers 503
 *   instead of hanging; it keeps reconnecting in the background.
 * - `worker`: `maxRetriesPerRequest: null`, as BullMQ requires for blocking commands; commands
 *   wait for Redis to come back.
 */
export function createRedisConnection(url: string, role: RedisRole, options?: RedisConnectionOptions): Redis;
export function createRedisConnection(
  address: RedisAddress,
  role: RedisRole,
  options?: RedisConnectionOptions,
): RedisClient;
export function createRedisConnection(
  address: RedisAddress | string,
  role: RedisRole,
  options: RedisConnectionOptions = {},
): RedisClient {
  const where: RedisAddress = typeof address === 'string' ? { urls: [address], cluster: false } : address;
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
  const connectionName = `rootguard-${role}`;
  const redis = where.cluster
    ? new Cluster([...where.urls], clusterOptions(where.urls[0], role, { ...roleOptions, connectionName }))
    : new Redis(where.urls[0], { ...roleOptions, retryStrategy, connectionName });
  if (options.onError) redis.on('error', options.onError);
  return redis;
}

/**
 * A cluster client's options: every node gets the role's options and the first seed URL's
 * credentials and TLS (nodes found through `CLUSTER SLOTS` have no URL of their own).
 */
function clusterOptions(seed: string, role: RedisRole, nodeOptions: RedisOptions): ClusterOptions {
  const url = new URL(seed);
  const credentials: RedisOptions = {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return {
    redisOptions: { ...nodeOptions, ...credentials },
    enableOfflineQueue: role !== 'producer',
    clusterRetryStrategy: (times: number) => Math.min(times * 200, MAX_RECONNECT_DELAY_MS),
    retryDelayOnFailover: CLUSTER_FAILOVER_RETRY_MS,
    retryDelayOnClusterDown: CLUSTER_FAILOVER_RETRY_MS,
    retryDelayOnTryAgain: CLUSTER_FAILOVER_RETRY_MS,
    // A worker rides out a failover (≈ 50 tries × 300 ms); a producer answers 503 sooner.
    maxRedirections: role === 'producer' ? 16 : 50,
    // `CLUSTER SLOTS` after a failover, so the new master is used at once.
    slotsRefreshTimeout: PRODUCER_CONNECT_TIMEOUT_MS,
  };
}
