import type { Literal } from './literals.js';

/** A literal found in the input: where it starts and which one. */
export interface Hit {
  readonly at: number;
  readonly literal: Literal;
}

function pairHash(gram: number, other: number, direction: number): number {
  return (Math.imul(gram, 0x9e3779b1) ^ Math.imul(other + 1, 0x85ebca6b) ^ direction) >>> 16;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Byte frequencies per mille in source code (measured on TypeScript's `lib/typescript.js`, 9 MB),
 * most frequent first; other bytes count as 0.5. The prefilter indexes each literal by the window
 * of 2-grams that is rarest under this model, so fewer samples need a second look.
 */
const COMMON_BYTES = ' etnroiasc\nldpum()fgy,=_.;h/*TxSb{}vkC2NFED"P:I0A1O&wLRM|3!6';
const COMMON_PER_MILLE = [
  176.5, 85.2, 57.9, 48.9, 47.2, 46.6, 45.2, 42.1, 39.9, 26.7, 24.9, 22, 21.4, 19.7, 16.5, 15.6, 13.7, 13.7,
  13.1, 12.9, 11.2, 10.8, 9.1, 9, 8.9, 8.1, 8, 7.9, 7.6, 6.2, 6.1, 5.6, 5.6, 4.7, 4.7, 4.5, 4.4, 4.3, 4.3,
  4.2, 4.2, 4.2, 3.9, 3.8, 3.7, 3.5, 3.2, 3.1, 3.1, 2.8, 2.8, 2.6, 2.4, 2.1, 2, 2, 1.8, 1.4, 1.3, 1.2,
];
const UNLISTED_PER_MILLE = 0.5;
const BYTE_FREQUENCY = new Float64Array(256).fill(UNLISTED_PER_MILLE);
for (let i = 0; i < COMMON_BYTES.length; i++) {
  BYTE_FREQUENCY[COMMON_BYTES.charCodeAt(i)] = COMMON_PER_MILLE[i] ?? UNLISTED_PER_MILLE;
}

/**
 * One pass over the bytes finds every occurrence of every literal: it samples the 2-gram at every
 * `stride`-th byte, where `stride` is the shortest literal length − 1, so any occurrence covers
 * exactly one sample point in its indexed window of `stride` 2-grams. A 64K table says whether a
 * 2-gram occurs in any window; only then is the 2-gram paired with the one 2 bytes after (or
 * before, near a literal's end) and looked up in a hashed index of (literal, offset) entries, so
 * the `ke` of every `key` in ordinary text costs one table read and one hash.
 */
export class Prefilter {
  readonly stride: number;
  readonly #literals: readonly Literal[];
  readonly #bytes: readonly Uint8Array[];
  /** 2-gram (first byte in the low 8 bits) → 1 when some literal is indexed by it. */
  readonly #gate = new Uint8Array(65536);
  /** Pair hash → first entry of its chain, -1 for none. */
  readonly #pairFirst = new Int32Array(65536).fill(-1);
  /** 2-gram → first entry of literals too short to pair (a 1-character API prefix + `_`). */
  readonly #unpairedFirst = new Int32Array(65536).fill(-1);
  /** Pair hash → 1 when its chain is not empty. */
  readonly #pairGate = new Uint8Array(65536);
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
    const cost = (i: number) =>
      (BYTE_FREQUENCY[bytes[i] ?? 0] ?? 0) * (BYTE_FREQUENCY[bytes[i + 1] ?? 0] ?? 0);
    let best = 0;
    let bestCost = Infinity;
    for (let start = 0; start + this.stride <= bytes.length - 1; start++) {
      let total = 0;
      for (let i = start; i < start + this.stride; i++) total += cost(i);
      if (total < bestCost) [best, bestCost] = [start, total];
    }
    for (let i = best; i < best + this.stride; i++) {
      this.#gate[gram(i)] = 1;
      this.#entryLiteral.push(literal);
      this.#entryOffset.push(i);
      const entry = this.#entryOffset.length - 1;
      let chains = this.#unpairedFirst;
      let slot = gram(i);
      if (i + 3 < bytes.length) [chains, slot] = [this.#pairFirst, pairHash(gram(i), gram(i + 2), 0)];
      else if (i >= 2) [chains, slot] = [this.#pairFirst, pairHash(gram(i), gram(i - 2), 1)];
      if (chains === this.#pairFirst) this.#pairGate[slot] = 1;
      this.#next.push(chains[slot] ?? -1);
      chains[slot] = entry;
    }
  }

  /** Every literal occurrence that starts in [from, startLimit) and ends by `end`, in input order. */
  scan(input: Uint8Array, from: number, startLimit: number, end: number): Hit[] {
    const hits: Hit[] = [];
    const gate = this.#gate;
    const stride = this.stride;
    // Little-endian 16-bit reads give the 2-gram in one load when every sample is 2-byte aligned.
    const aligned = LITTLE_ENDIAN && stride % 2 === 0 && input.byteOffset % 2 === 0;
    if (aligned) {
      const start = from - (from % 2);
      const words = new Uint16Array(input.buffer, input.byteOffset, end >> 1);
      const step = stride >> 1;
      const pairGate = this.#pairGate;
      const unpaired = this.#unpairedFirst;
      for (let w = start >> 1; w < words.length; w += step) {
        const gram = words[w] as number;
        if (gate[gram] === 0) continue;
        // The pair check inline: most 2-gram hits in ordinary text stop here, without a call.
        const after = w + 1 < words.length ? (words[w + 1] as number) : -1;
        const before = w > 0 ? (words[w - 1] as number) : -1;
        if (pairGate[pairHash(gram, after, 0)] === 0 && pairGate[pairHash(gram, before, 1)] === 0) {
          if (unpaired[gram] === -1) continue;
        }
        this.#check(input, w << 1, from, startLimit, end, hits);
      }
    } else {
      for (let p = from, last = end - 1; p < last; p += stride) {
        if (gate[(input[p] as number) | ((input[p + 1] as number) << 8)] !== 0) {
          this.#check(input, p, from, startLimit, end, hits);
        }
      }
    }
    return hits.sort((a, b) => a.at - b.at);
  }

  #check(input: Uint8Array, p: number, from: number, startLimit: number, end: number, hits: Hit[]): void {
    const gram = (input[p] as number) | ((input[p + 1] as number) << 8);
    const after = p + 3 < end ? (input[p + 2] as number) | ((input[p + 3] as number) << 8) : -1;
    const before = p >= 2 ? (input[p - 2] as number) | ((input[p - 1] as number) << 8) : -1;
    const forward = pairHash(gram, after, 0);
    const backward = pairHash(gram, before, 1);
    this.#walk(this.#pairFirst[forward] as number, input, p, from, startLimit, end, hits);
    // Each entry sits in one chain: a hash collision must not walk the same chain twice.
    if (backward !== forward)
      this.#walk(this.#pairFirst[backward] as number, input, p, from, startLimit, end, hits);
    this.#walk(this.#unpairedFirst[gram] as number, input, p, from, startLimit, end, hits);
  }

  #walk(
    entry: number,
    input: Uint8Array,
    p: number,
    from: number,
    startLimit: number,
    end: number,
    hits: Hit[],
  ) {
    for (let e = entry; e >= 0; e = this.#next[e] as number) {
      const index = this.#entryLiteral[e] as number;
      const at = p - (this.#entryOffset[e] as number);
      if (at >= from && at < startLimit && this.#matches(input, at, end, index)) {
        hits.push({ at, literal: this.#literals[index] as Literal });
      }
    }
  }

  #matches(input: Uint8Array, at: number, end: number, index: number): boolean {
    const bytes = this.#bytes[index] as Uint8Array;
    if (at + bytes.length > end) return false;
    for (let i = 0; i < bytes.length; i++) if (input[at + i] !== bytes[i]) return false;
    return true;
  }
}
