import { longestSequentialRun, shannonEntropy } from './entropy.js';

/**
 * Entropy floor of a key body (the random base58 part), in bits per character. Random bodies stay
 * well above it; fillers (`FFFF…`, `abcabc…`, period-≤8 patterns: at most 3 bits) fall below.
 * Measured by `npx tsx bench/entropy-floor.ts` (1,000,000 KeyGenerator keys, seed 1):
 * root body (22 chars): min 3.2090, 0.0001-quantile 3.4474, median 4.0958; API body (21–22
 * chars): min 3.2090, 0.0001-quantile 3.4429; 0 false rejections of 2,000,000 at this floor.
 */
export const MIN_BODY_ENTROPY_BITS = 3.1;

/**
 * Longest allowed run of repeated or alphabet-adjacent characters (`FGHJKLMN…`, `1111…`).
 * Same bench: root and API bodies max 6, 0.9999-quantile 5, median 2; 0 false rejections of
 * 2,000,000 at this limit.
 */
export const MAX_SEQUENTIAL_RUN = 7;

/** Whether a base58 key body looks random rather than typed: both floors must hold. */
export function looksRandom(body: string): boolean {
  return shannonEntropy(body) >= MIN_BODY_ENTROPY_BITS && longestSequentialRun(body) <= MAX_SEQUENTIAL_RUN;
}
