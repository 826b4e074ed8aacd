import { Redis } from 'ioredis';
import {
  APPEND_ONLY_FIX,
  NOEVICTION_FIX,
  readAppendOnly,
  answersPing,
  readEvictionPolicy,
  waitForRedisReady,
} from '../../queue/check-redis.js';
import { createRedisConnection } from '../../queue/redis-connection.js';
import type { RedisAddress } from '../../redis/redis-address.js';
import { isCluster, redisServers, serverName, type RedisClient } from '../../redis/redis-client.js';
import { describeError, fail, pass, warn, type DoctorCheck } from './doctor-check.js';

/** How long doctor waits for Redis to answer. */
const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/**
 * The oldest Redis BullMQ recommends (its `RedisConnection.recommendedMinimumVersion`; it refuses
 * anything older than 5.0.0, and some of its commands need 6.2).
 */
export const MIN_REDIS_VERSION = '6.2.0';

/**
 * Redis as rootguard needs it: it answers, never evicts (`noeviction`: BullMQ loses jobs
 * otherwise), keeps an append-only file (a restart keeps acknowledged deliveries and incidents),
 * and is recent enough for BullMQ. The connection should be made with `lazyConnect` and no
 * offline queue, so a Redis that does not answer fails the first check at once.
 */
export async function checkRedis(client: RedisClient): Promise<DoctorCheck[]> {
  try {
    await client.ping();
  } catch (error) {
    return [notAnswering(error)];
  }
  const checks: DoctorCheck[] = [pass('redis: answers', 'Redis answers PING.')];
  if (!isCluster(client)) return [...checks, ...(await checkServer(client, ''))];
  checks.push(await checkClusterState(client));
  // Every node is asked: any master holds slots, and any replica may become one.
  for (const server of redisServers(client)) {
    const where = ` (node ${serverName(server)})`;
    if (await answersPing(server)) checks.push(...(await checkServer(server, where)));
    else
      checks.push(
        warn(
          `redis${where}: answers`,
          'This cluster node does not answer PING: a replica lost is one copy fewer; a master lost is served by its replica once it takes over (the redis: cluster line says whether every slot is served).',
          'bring the node back, or replace it and remove it with CLUSTER FORGET on every node.',
        ),
      );
  }
  return checks;
}

/** `cluster_state:ok` from `CLUSTER INFO`: every slot is served. */
async function checkClusterState(client: RedisClient): Promise<DoctorCheck> {
  let state: string | undefined;
  try {
    state = /^cluster_state:(\S+)/m.exec(String(await client.cluster('INFO')))?.[1];
  } catch {
    state = undefined;
  }
  return state === 'ok'
    ? pass(
        'redis: cluster',
        `Redis Cluster serves every slot (${redisServers(client).length} nodes); rootguard's keys share one hash tag.`,
      )
    : fail(
        'redis: cluster',
        `Redis Cluster state is ${state ?? 'unknown (CLUSTER INFO failed)'}: some slots have no master.`,
        'check `redis-cli --cluster check HOST:PORT` and bring the missing masters back or fail them over.',
      );
}

/** Eviction policy, persistence and version of one server; `where` names a cluster node. */
async function checkServer(redis: Redis, where: string): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];

  const policy = await readEvictionPolicy(redis);
  checks.push(
    policy === 'noeviction'
      ? pass(`redis${where}: maxmemory-policy`, 'noeviction: Redis refuses writes rather than deleting keys.')
      : fail(
          `redis${where}: maxmemory-policy`,
          policy === undefined
            ? 'Redis does not say its maxmemory-policy (CONFIG GET and INFO memory both failed).'
            : `maxmemory-policy is ${policy}: when memory runs out Redis deletes keys, and BullMQ jobs and incidents with them.`,
          NOEVICTION_FIX,
        ),
  );

  const appendOnly = await readAppendOnly(redis);
  checks.push(
    appendOnly === true
      ? pass(`redis${where}: persistence`, 'appendonly yes: a restart keeps what was acknowledged.')
      : fail(
          `redis${where}: persistence`,
          appendOnly === undefined
            ? 'Redis does not say whether it keeps an append-only file (CONFIG GET and INFO persistence both failed).'
            : 'appendonly no: a Redis restart or crash loses every delivery and incident since the last snapshot.',
          `${APPEND_ONLY_FIX}; rootguard serve and worker refuse this Redis unless ROOTGUARD_ALLOW_VOLATILE_REDIS=1 (tests and demos only).`,
        ),
  );

  const version = await readRedisVersion(redis);
  checks.push(
    version === undefined
      ? fail(
          `redis${where}: version`,
          'Redis does not say its version (INFO server failed).',
          `use Redis ${MIN_REDIS_VERSION} or newer.`,
        )
      : versionAtLeast(version, MIN_REDIS_VERSION)
        ? pass(`redis${where}: version`, `Redis ${version} (BullMQ needs ${MIN_REDIS_VERSION} or newer).`)
        : fail(
            `redis${where}: version`,
            `Redis ${version} is older than ${MIN_REDIS_VERSION}, which BullMQ needs.`,
            `upgrade Redis to ${MIN_REDIS_VERSION} or newer.`,
          ),
  );
  return checks;
}

/**
 * {@link checkRedis} on a connection of its own to `address`: one try, no retries, no offline
 * queue (a cluster: the producer's connection, given the connect timeout to find its nodes).
 */
export async function checkRedisAt(address: RedisAddress): Promise<DoctorCheck[]> {
  if (address.cluster) {
    const cluster = createRedisConnection(address, 'producer', { onError: () => undefined });
    try {
      await waitForRedisReady(cluster, REDIS_CONNECT_TIMEOUT_MS);
      return await checkRedis(cluster);
    } catch (error) {
      return [notAnswering(error)];
    } finally {
      cluster.disconnect();
    }
  }
  const redis = new Redis(address.urls[0], {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // the ping's failure says it
  try {
    let refused: unknown;
    await redis.connect().catch((error: unknown) => (refused = error));
    return refused === undefined ? await checkRedis(redis) : [notAnswering(refused)];
  } finally {
    redis.disconnect();
  }
}

function notAnswering(error: unknown): DoctorCheck {
  return fail(
    'redis: answers',
    `Redis does not answer at ROOTGUARD_REDIS_URL: ${describeError(error)}.`,
    'start Redis, or point ROOTGUARD_REDIS_URL at it (redis://HOST:6379, or rediss:// for TLS).',
  );
}

/** `redis_version` from `INFO server` (Valkey reports a compatible one there too). */
async function readRedisVersion(redis: Redis): Promise<string | undefined> {
  try {
    return /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1];
  } catch {
    return undefined;
  }
}

/** Whether dotted version `actual` is at least `minimum` (missing parts count as 0). */
export function versionAtLeast(actual: string, minimum: string): boolean {
  const a = actual.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const m = minimum.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(a.length, m.length); i++) {
    const diff = (a[i] ?? 0) - (m[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}
