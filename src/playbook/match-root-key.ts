import type { RootKeyInfo } from '../unkey/upcoming-client.js';

/**
 * The root keys whose stored `start` and `end` fit the leaked key: against its plaintext when it
 * could be read again, else against its mask (first 8 and last 4 characters). Deleted keys are
 * not listed by Unkey; an expired key is kept (it may be the leaked key, already revoked).
 */
export function matchRootKeys(
  keys: readonly RootKeyInfo[],
  leaked: { readonly plaintext?: string; readonly masked: string },
): RootKeyInfo[] {
  const [maskStart = '', maskEnd = ''] = leaked.masked.split('…');
  return keys.filter((key) => {
    if (key.start === '' || key.end === '') return false;
    if (leaked.plaintext !== undefined)
      return leaked.plaintext.startsWith(key.start) && leaked.plaintext.endsWith(key.end);
    const shortest = Math.min(key.start.length, maskStart.length);
    const endShortest = Math.min(key.end.length, maskEnd.length);
    return (
      key.start.slice(0, shortest) === maskStart.slice(0, shortest) &&
      key.end.slice(-endShortest) === maskEnd.slice(-endShortest)
    );
  });
}
