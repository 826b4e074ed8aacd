const SHOWN_PREFIX = 8;
const SHOWN_SUFFIX = 4;

/** The only form in which a key may be shown: its first 8 characters, `…`, and its last 4. */
export function maskKey(key: string): string {
  if (key.length <= SHOWN_PREFIX + SHOWN_SUFFIX) return `${key.slice(0, Math.min(4, key.length))}…`;
  return `${key.slice(0, SHOWN_PREFIX)}…${key.slice(-SHOWN_SUFFIX)}`;
}
