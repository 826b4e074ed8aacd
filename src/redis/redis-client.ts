import { Cluster, type Redis } from 'ioredis';

/**
 * A connection to rootguard's Redis: one server (`Redis`) or a Redis Cluster (`Cluster`). Both
 * take the same commands; in a cluster every key of one command, `MULTI` or script must hash to
 * one slot, which the hash-tagged key prefix guarantees (`redis-address.ts`).
 */
export type RedisClient = Redis | Cluster;

/** Whether `client` talks to a Redis Cluster. */
export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/**
 * The servers behind `client`, for what is asked of each server rather than of a key (settings,
 * persistence, version, `SCAN`): the client itself, or every node of the cluster (masters and
 * replicas: a replica becomes a master on failover, so its settings matter as much).
 */
export function redisServers(client: RedisClient): Redis[] {
  return isCluster(client) ? client.nodes('all') : [client];
}

/** `host:port` of a server, to say which node of a cluster a check is about (no password). */
export function serverName(server: Redis): string {
  return `${server.options.host ?? '127.0.0.1'}:${server.options.port ?? 6379}`;
}
