import type { Literal } from './literals.js';

/** A literal found in the input: where it starts and which one. */
export interface Hit {
  readonly at: number;
  readonly literal: Literal;
}

/**
 * A rough cost of a 2-byte sequence in source code and logs: lowercase letters, spaces and common
 * punctuation are frequent, digits and uppercase less so, `\`, `%` and `{` rare. The prefilter
 * indexes each literal by its cheapest 2-grams, so fewer samples need checking.
 */
function byteFrequency(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return 4;
  if (code === 0x20 || code === 0x22 || code === 0x2e || code === 0x3d || code === 0x2c) return 4;
  if (code >= 0x30 && code <= 0x39) return 2;
  if (code >= 0x41 && code <= 0x5a) return 2;
  return 1;
}

/**
 * One pass over the bytes finds every occurrence of every literal: it samples the 2-gram at every
 * `stride`-th byte, where `stride` is the shortest literal length − 1, so any occurrence covers
 * exactly one sample point in its indexed window of `stride` 2-grams. A 64K table says which
 * (literal, offset) pairs a 2-gram could belong to; only those are compared byte by byte.
 */
export class Prefilter {
  readonly stride: number;
  readonly #literals: readonly Literal[];
  readonly #bytes: readonly Uint8Array[];
  /** 2-gram → first entry, -1 when no literal is indexed by it. */
  readonly #first = new Int32Array(65536).fill(-1);
  readonly #next: number[] = [];
  readonly #entryLiteral: number[] = [];
  readonly #entryOffset: number[] = [];

  constructor(literals: readonly Literal[]) {
    this.#literals = literals;
    this.#bytes = literals.map((l) => Uint8Array.from(l.text, (c) => c.charCodeAt(0)));
    const shortest = Math.min(...this.#bytes.map((b) => b.length));
    this.stride = Math.max(1, shortest - 1);
    this.#bytes.forEach((bytes, index) => this.#index(bytes, index));
  }

  #index(bytes: Uint8Array, literal: number): void {
    const gram = (i: number) => (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8);
    const cost = (i: number) => byteFrequency(bytes[i] ?? 0) * byteFrequency(bytes[i + 1] ?? 0);
    let best = 0;
    let bestCost = Infinity;
    for (let start = 0; start + this.stride <= bytes.length - 1; start++) {
      let total = 0;
      for (let i = start; i < start + this.stride; i++) total += cost(i);
      if (total < bestCost) [best, bestCost] = [start, total];
    }
    // A 1-byte literal cannot be sampled by 2-grams; literals are 2 bytes or longer by construction.
    for (let i = best; i < best + this.stride && i < bytes.length - 1; i++) {
      this.#next.push(this.#first[gram(i)] ?? -1);
      this.#entryLiteral.push(literal);
      this.#entryOffset.push(i);
      this.#first[gram(i)] = this.#next.length - 1;
    }
  }

  /** Every literal occurrence that starts in [from, startLimit) and ends by `end`, in input order. */
  scan(input: Uint8Array, from: number, startLimit: number, end: number): Hit[] {
    const hits: Hit[] = [];
    const first = this.#first;
    const last = end - 1;
    for (let p = from; p < last; p += this.stride) {
      let entry = first[(input[p] as number) | ((input[p + 1] as number) << 8)] as number;
      while (entry >= 0) {
        const index = this.#entryLiteral[entry] as number;
        const at = p - (this.#entryOffset[entry] as number);
        if (at >= from && at < startLimit && this.#matches(input, at, end, index)) {
          hits.push({ at, literal: this.#literals[index] as Literal });
        }
        entry = this.#next[entry] as number;
      }
    }
    return hits.sort((a, b) => a.at - b.at);
  }

  #matches(input: Uint8Array, at: number, end: number, index: number): boolean {
    const bytes = this.#bytes[index] as Uint8Array;
    if (at + bytes.length > end) return false;
    for (let i = 0; i < bytes.length; i++) if (input[at + i] !== bytes[i]) return false;
    return true;
  }
}
