import { createHash } from 'node:crypto';

/**
 * `base64(sha256(key))`, standard base64 with padding: the hash Unkey stores for every key, so an
 * operator can match a finding against Unkey without ever seeing the key.
 */
export function fingerprintKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64');
}
