import { Cluster, type Redis } from 'ioredis';

/**
 * Every value stored under keys that match `pattern` (SCAN's MATCH; `*` is the whole server), as
 * text, labelled by key (strings, hashes, lists, sets, sorted sets, streams).
 */
export async function readRedisValuesMatching(
  client: Redis | Cluster,
  pattern: string,
): Promise<[string, string][]> {
  const values: [string, string][] = [];
  // A cluster client reads each key from the master that holds it.
  for (const key of await keysMatching(client, pattern)) values.push([key, await readValue(client, key)]);
  return values;
}

/** One key's value as text, whatever its type. */
async function readValue(redis: Redis | Cluster, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'string') return (await redis.get(key)) ?? '';
  if (type === 'hash') return JSON.stringify(await redis.hgetall(key));
  if (type === 'list') return JSON.stringify(await redis.lrange(key, 0, -1));
  if (type === 'set') return JSON.stringify(await redis.smembers(key));
  if (type === 'zset') return JSON.stringify(await redis.zrange(key, '0', '-1'));
  if (type === 'stream') return JSON.stringify(await redis.xrange(key, '-', '+'));
  return '';
}

/** Every value stored under a key prefix, labelled by key. */
export function readRedisValues(redis: Redis | Cluster, prefix: string): Promise<[string, string][]> {
  return readRedisValuesMatching(redis, `${prefix}:*`);
}

/** Every key matching `pattern` (SCAN's MATCH), on one server or on each master of a cluster (replicas hold copies). */
export async function keysMatching(client: Redis | Cluster, pattern: string): Promise<string[]> {
  const servers = client instanceof Cluster ? client.nodes('master') : [client];
  const keys: string[] = [];
  for (const server of servers) {
    let cursor = '0';
    do {
      const [next, page] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', '1000');
      cursor = next;
      keys.push(...page);
    } while (cursor !== '0');
  }
  return keys;
}
