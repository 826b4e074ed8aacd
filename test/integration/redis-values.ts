import type { Redis } from 'ioredis';

/** Every value stored under a key prefix, as text, labelled by key (strings, hashes, lists, sets, sorted sets, streams). */
export async function readRedisValues(redis: Redis, prefix: string): Promise<[string, string][]> {
  const values: [string, string][] = [];
  for (const key of await redis.keys(`${prefix}:*`)) {
    const type = await redis.type(key);
    let text = '';
    if (type === 'string') text = (await redis.get(key)) ?? '';
    else if (type === 'hash') text = JSON.stringify(await redis.hgetall(key));
    else if (type === 'list') text = JSON.stringify(await redis.lrange(key, 0, -1));
    else if (type === 'set') text = JSON.stringify(await redis.smembers(key));
    else if (type === 'zset') text = JSON.stringify(await redis.zrange(key, '0', '-1'));
    else if (type === 'stream') text = JSON.stringify(await redis.xrange(key, '-', '+'));
    values.push([key, text]);
  }
  return values;
}
