import type { RedisClient } from '../redis/redis-client.js';
import { assertRedisReady } from '../queue/check-redis.js';
import { RedisPolicyError } from '../queue/errors.js';
import type { ReadinessCheck } from './readiness.js';

/** How long the readiness check waits for a Redis that is not connected. */
const REDIS_CHECK_TIMEOUT_MS = 2_000;

/**
 * Redis answers, with `maxmemory-policy noeviction` and an append-only file (unless
 * `ROOTGUARD_ALLOW_VOLATILE_REDIS=1`): the checks start-up makes (`assertRedisReady`), made again
 * at each probe, so a Redis restarted with another policy turns the process unready.
 */
export function redisCheck(redis: RedisClient, options: { readonly allowVolatile: boolean }): ReadinessCheck {
  return {
    name: 'redis',
    async run() {
      try {
        const { persistent } = await assertRedisReady(redis, {
          timeoutMs: REDIS_CHECK_TIMEOUT_MS,
          allowVolatile: options.allowVolatile,
        });
        return persistent
          ? { state: 'ok' }
          : { state: 'ok', detail: 'no append-only file (ROOTGUARD_ALLOW_VOLATILE_REDIS=1)' };
      } catch (error) {
        // Policy errors say what to fix and name no host; anything else may (a connection error).
        if (error instanceof RedisPolicyError) return { state: 'failing', detail: error.message };
        return { state: 'failing', detail: 'Redis does not answer' };
      }
    },
  };
}
