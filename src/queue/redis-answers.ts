import type { Redis } from 'ioredis';

/** Whether Redis answers a `PING` now (the receiver's `/healthz`). Never throws: an error is a no. */
export async function redisAnswers(redis: Pick<Redis, 'ping'>): Promise<boolean> {
  return (await redis.ping().catch(() => '')) === 'PONG';
}
