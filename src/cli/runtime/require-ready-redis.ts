import type { RedisClient } from '../../redis/redis-client.js';
import type { Logger } from 'pino';
import type { EnvConfig } from '../../config/env-config.js';
import { assertRedisReady, VOLATILE_REDIS_WARNING } from '../../queue/check-redis.js';

/**
 * Waits for Redis and refuses one that may lose rootguard's data (`assertRedisReady`); a Redis
 * without an append-only file that `ROOTGUARD_ALLOW_VOLATILE_REDIS` lets through gets a warning.
 */
export async function requireReadyRedis(
  redis: RedisClient,
  config: Pick<EnvConfig, 'allowVolatileRedis'>,
  log: Logger,
): Promise<void> {
  const { persistent } = await assertRedisReady(redis, { allowVolatile: config.allowVolatileRedis });
  if (!persistent) log.warn(VOLATILE_REDIS_WARNING);
}
