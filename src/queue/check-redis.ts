import type { Redis } from 'ioredis';
import { isCluster, redisServers, serverName, type RedisClient } from '../redis/redis-client.js';
import { QueueUnavailableError, RedisPolicyError } from './errors.js';

/** How long start-up waits for Redis to answer. */
export const REDIS_READY_TIMEOUT_MS = 10_000;

/** The setting that lets rootguard run on a Redis without an append-only file (tests, demos). */
export const ALLOW_VOLATILE_REDIS_ENV = 'ROOTGUARD_ALLOW_VOLATILE_REDIS';

/** How to make Redis stop evicting (start-up's refusal and `rootguard doctor` say the same). */
export const NOEVICTION_FIX =
  "set `maxmemory-policy noeviction` (CONFIG SET maxmemory-policy noeviction, redis.conf, or your provider's parameter group)";

/** How to turn Redis's append-only file on (start-up's refusal and `rootguard doctor`). */
export const APPEND_ONLY_FIX =
  "turn the append-only file on (`appendonly yes` with `appendfsync everysec` in redis.conf, CONFIG SET appendonly yes, or your provider's persistence setting)";

const PERSISTENCE_FIX = `${APPEND_ONLY_FIX}, or set ROOTGUARD_ALLOW_VOLATILE_REDIS=1 to accept losing them (tests and demos only)`;

/** Options of {@link assertRedisReady}. */
export interface RedisReadyOptions {
  /** How long to wait for Redis to answer. @defaultValue {@link REDIS_READY_TIMEOUT_MS} */
  readonly timeoutMs?: number;
  /**
   * Accept a Redis without an append-only file (`ROOTGUARD_ALLOW_VOLATILE_REDIS=1`); the result
   * says so, for the caller to warn. @defaultValue false
   */
  readonly allowVolatile?: boolean;
}

/** What {@link assertRedisReady} found. */
export interface RedisReadyResult {
  /** Whether Redis keeps an append-only file; `false` only when `allowVolatile` let it through. */
  readonly persistent: boolean;
}

/**
 * Refuses a Redis that may lose rootguard's data:
 * - one that may evict keys: BullMQ keeps jobs (and rootguard its incidents, without expiry) in
 *   Redis, and under any `maxmemory-policy` but `noeviction` Redis deletes keys when memory runs
 *   out, losing jobs silently;
 * - one without an append-only file (unless `allowVolatile`): with Redis's default persistence a
 *   restart or crash drops every delivery acknowledged since the last snapshot (all of them, with
 *   no snapshots), while AOF `everysec` loses at most a second.
 * Reads the settings with `CONFIG GET`, or from `INFO` where CONFIG is disabled (managed Redis).
 */
export async function assertRedisReady(
  connection: RedisClient,
  options: RedisReadyOptions = {},
): Promise<RedisReadyResult> {
  await waitForRedisReady(connection, options.timeoutMs ?? REDIS_READY_TIMEOUT_MS);
  const allowVolatile = options.allowVolatile === true;
  if (!isCluster(connection))
    return { persistent: await assertServerKeepsData(connection, 'Redis', allowVolatile) };
  // In a cluster each node is asked: any master may hold a slot, and any replica may become one.
  // A node that does not answer is skipped (ioredis drops it from its pool soon after): a dead
  // replica loses nothing, and a dead master's slots fail the commands themselves until its
  // replica takes over.
  let persistent = true;
  for (const server of redisServers(connection)) {
    if (!(await answersPing(server))) continue;
    const subject = `Redis Cluster node ${serverName(server)}`;
    persistent = (await assertServerKeepsData(server, subject, allowVolatile)) && persistent;
  }
  return { persistent };
}

/** Whether `server` answers PING (a cluster node that is down answers nothing). */
export async function answersPing(server: Redis): Promise<boolean> {
  try {
    await server.ping();
    return true;
  } catch {
    return false;
  }
}

/** {@link assertRedisReady}'s checks on one server; whether it keeps an append-only file. */
async function assertServerKeepsData(
  server: Redis,
  subject: string,
  allowVolatile: boolean,
): Promise<boolean> {
  const policy = await readEvictionPolicy(server);
  if (policy === undefined)
    throw new RedisPolicyError(
      'redis-policy-unknown',
      `${subject} does not say its maxmemory-policy (CONFIG GET and INFO memory both failed); rootguard needs noeviction because BullMQ loses jobs when Redis evicts keys: ${NOEVICTION_FIX}.`,
    );
  if (policy !== 'noeviction')
    throw new RedisPolicyError(
      'redis-policy',
      `${subject} uses maxmemory-policy ${policy}, which evicts keys when memory runs out and so loses BullMQ jobs and incidents; ${NOEVICTION_FIX}.`,
    );
  const persistent = await readAppendOnly(server);
  if (persistent === true || allowVolatile) return persistent === true;
  if (persistent === undefined)
    throw new RedisPolicyError(
      'redis-persistence-unknown',
      `${subject} does not say whether it keeps an append-only file (CONFIG GET appendonly and INFO persistence both failed); without one a Redis restart loses acknowledged deliveries and incidents: ${PERSISTENCE_FIX}.`,
    );
  throw new RedisPolicyError(
    'redis-persistence',
    `${subject} runs with appendonly no, so a Redis restart or crash loses every acknowledged delivery and incident since its last snapshot; ${PERSISTENCE_FIX}.`,
  );
}

/** The warning a process prints when it runs on a volatile Redis because it was allowed to. */
export const VOLATILE_REDIS_WARNING =
  'Redis runs with appendonly no and ROOTGUARD_ALLOW_VOLATILE_REDIS=1 is set: a Redis restart or crash loses acknowledged deliveries and incidents (fine for tests and demos; set appendonly yes in production).';

/**
 * Whether Redis keeps an append-only file: `CONFIG GET appendonly`, else `INFO persistence`'s
 * `aof_enabled` (CONFIG disabled or renamed, as on managed Redis); `undefined` when neither answers.
 */
export async function readAppendOnly(connection: Redis): Promise<boolean | undefined> {
  try {
    const reply = (await connection.config('GET', 'appendonly')) as unknown;
    if (Array.isArray(reply) && typeof reply[1] === 'string') return reply[1] === 'yes';
  } catch {
    // CONFIG renamed or forbidden: INFO still tells.
  }
  try {
    const enabled = /^aof_enabled:(\d)/m.exec(await connection.info('persistence'))?.[1];
    return enabled === undefined ? undefined : enabled === '1';
  } catch {
    return undefined;
  }
}

/**
 * Redis's `maxmemory-policy`: `CONFIG GET`, else `INFO memory` (CONFIG disabled or renamed, as on
 * managed Redis); `undefined` when neither answers.
 */
export async function readEvictionPolicy(connection: Redis): Promise<string | undefined> {
  return (await policyFromConfig(connection)) ?? (await policyFromInfo(connection));
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
  connection: RedisClient,
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
