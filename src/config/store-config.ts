import { z } from 'zod';
import { keyPrefixFor, type RedisAddress } from '../redis/redis-address.js';
import { describeValue } from './describe-value.js';
import { ConfigError } from './errors.js';
import { readRedisAddress } from './read-redis-address.js';

export const DEFAULT_PREFIX = 'rootguard';

const prefixSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Where rootguard's queues and incidents are: all that commands which only read them need. */
export interface StoreConfig {
  /** `ROOTGUARD_REDIS_URL`, `ROOTGUARD_REDIS_CLUSTER`. */
  readonly redis: RedisAddress;
  /** `ROOTGUARD_PREFIX`, as a hash tag in a Redis Cluster (`keyPrefixFor`). */
  readonly prefix: string;
}

/**
 * Reads {@link StoreConfig} with `read` (the caller's trimmed, empty-is-unset reader); a bad
 * setting throws `ConfigError` with one sentence that never echoes the value.
 */
export function readStoreConfig(read: (name: string) => string | undefined): StoreConfig {
  const redis = readRedisAddress(read);
  const prefixRaw = read('ROOTGUARD_PREFIX') ?? DEFAULT_PREFIX;
  if (!prefixSchema.safeParse(prefixRaw).success)
    throw new ConfigError(
      'config-invalid',
      'ROOTGUARD_PREFIX',
      `ROOTGUARD_PREFIX must be 1 to 64 letters, digits, dashes or underscores (a Redis key prefix); ${describeValue(prefixRaw)}.`,
    );
  return { redis, prefix: keyPrefixFor(redis, prefixRaw) };
}

/**
 * {@link StoreConfig} from the environment alone: `rootguard incidents export` reads Redis and
 * nothing else, so it needs no App id or private key.
 */
export function loadStoreConfig(env: NodeJS.ProcessEnv): StoreConfig {
  return readStoreConfig((name) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  });
}
