import { Cluster, type Redis } from 'ioredis';

/**
 * Every value stored under keys that match `pattern` (SCAN's MATCH; `*` is the whole server), as
 * text, labelled by key (strings, hashes, lists, sets, sorted sets, streams).
 */
export async function readRedisValuesMatching(
  client: Redis | Cluster,
  pattern: string,
): Promise<[string, string][]> {
  // A cluster's keys are spread over its masters (replicas hold copies): SCAN each master.
  if (client instanceof Cluster) {
    const perMaster = await Promise.all(
      client.nodes('master').map((node) => readRedisValuesMatching(node, pattern)),
    );
    return perMaster.flat();
  }
  const redis = client;
  const values: [string, string][] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', '1000');
    cursor = next;
    for (const key of keys) {
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
  } while (cursor !== '0');
  return values;
}

/** Every value stored under a key prefix, labelled by key. */
export function readRedisValues(redis: Redis | Cluster, prefix: string): Promise<[string, string][]> {
  return readRedisValuesMatching(redis, `${prefix}:*`);
}

/** Every key matching `pattern`, on one server or on each master of a cluster. */
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
