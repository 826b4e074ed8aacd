import { z } from 'zod';
import type { RedisAddress } from '../redis/redis-address.js';
import { describeValue } from './describe-value.js';
import { ConfigError } from './errors.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const redisUrlSchema = z.url({ protocol: /^rediss?$/ });

/**
 * `ROOTGUARD_REDIS_URL` and `ROOTGUARD_REDIS_CLUSTER`: one Redis server's URL, or, with
 * `ROOTGUARD_REDIS_CLUSTER=1`, one or more seed nodes of a Redis Cluster separated by commas
 * (the client finds the other nodes; the first URL's user, password and TLS apply to all).
 * Refused with one sentence that never echoes a URL (it may hold a password).
 */
export function readRedisAddress(read: (name: string) => string | undefined): RedisAddress {
  const clusterRaw = read('ROOTGUARD_REDIS_CLUSTER') ?? '0';
  if (clusterRaw !== '0' && clusterRaw !== '1')
    throw new ConfigError(
      'config-invalid',
      'ROOTGUARD_REDIS_CLUSTER',
      `ROOTGUARD_REDIS_CLUSTER must be 1 (ROOTGUARD_REDIS_URL names seed nodes of a Redis Cluster) or 0 (one Redis server); ${describeValue(clusterRaw)}.`,
    );
  const cluster = clusterRaw === '1';
  const raw = read('ROOTGUARD_REDIS_URL') ?? DEFAULT_REDIS_URL;
  const parts = raw.split(',').map((part) => part.trim());
  if (!cluster && parts.length > 1)
    throw new ConfigError(
      'config-invalid',
      'ROOTGUARD_REDIS_URL',
      `ROOTGUARD_REDIS_URL names ${parts.length} URLs; several URLs are the seed nodes of a Redis Cluster, so set ROOTGUARD_REDIS_CLUSTER=1, or give one URL.`,
    );
  const urls = parts.map((part, i) => {
    const which = parts.length > 1 ? `URL ${i + 1} of ROOTGUARD_REDIS_URL` : 'ROOTGUARD_REDIS_URL';
    if (!redisUrlSchema.safeParse(part).success)
      throw new ConfigError(
        'config-invalid',
        'ROOTGUARD_REDIS_URL',
        // The URL may hold a password: say what is wrong with it without echoing it.
        `${which} must be a redis:// or rediss:// URL such as ${DEFAULT_REDIS_URL}; the value set ${describeRedisUrl(part)}.`,
      );
    if (cluster && !/^\/?0?$/.test(new URL(part).pathname))
      throw new ConfigError(
        'config-invalid',
        'ROOTGUARD_REDIS_URL',
        `${which} selects a database, but a Redis Cluster has only database 0: remove the path from the URL.`,
      );
    return part;
  });
  return { urls: urls as [string, ...string[]], cluster };
}

function describeRedisUrl(raw: string): string {
  try {
    return `uses ${JSON.stringify(new URL(raw).protocol)}`;
  } catch {
    return raw === '' ? 'is empty' : 'is not a URL';
  }
}
