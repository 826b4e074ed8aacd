/**
 * Where rootguard's Redis is (`ROOTGUARD_REDIS_URL`, `ROOTGUARD_REDIS_CLUSTER`): one server's URL,
 * or one or more seed nodes of a Redis Cluster (the client finds the others itself).
 */
export interface RedisAddress {
  /** `redis://` or `rediss://` URLs; exactly one unless `cluster`. May hold a password. */
  readonly urls: readonly [string, ...string[]];
  /** Whether the URLs are seed nodes of a Redis Cluster. */
  readonly cluster: boolean;
}

/**
 * The key prefix rootguard writes under at `address`. In a cluster the prefix is a hash tag
 * (`{rootguard}`): Redis Cluster hashes only the part in braces, so every key (each queue's,
 * each incident's, the lanes and ledgers) lands in one slot, and BullMQ's scripts, our Lua
 * scripts and `MULTI` blocks, which all touch several keys at once, are allowed. On one server
 * the prefix stays as configured, so an existing deployment keeps its keys.
 */
export function keyPrefixFor(address: RedisAddress, prefix: string): string {
  return address.cluster ? `{${prefix}}` : prefix;
}
