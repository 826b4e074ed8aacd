import { base58Digit } from './base58.js';

/** Shannon entropy of the characters of `text`, in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * The longest run of base58 characters where each one repeats the previous one or is its
 * neighbour in the alphabet (`FFFF`, `abcd`, `9876`): the shape of hand-typed fillers.
 */
export function longestSequentialRun(text: string): number {
  let longest = text.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    const step = base58Digit(text.charCodeAt(i)) - base58Digit(text.charCodeAt(i - 1));
    run = step >= -1 && step <= 1 ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}
