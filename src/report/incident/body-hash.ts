import { createHash } from 'node:crypto';

/** A short hash of what a reporter would send: the same hash as last time means nothing to edit. */
export function bodyHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}
