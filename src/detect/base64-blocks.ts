// Block arithmetic of base64: 3 bytes ↔ 4 characters. Knowing where a 4-character group starts is
// what lets the engine decode a small window in the middle of a megabyte-long base64 line.

/** Character → 6-bit value for one alphabet; -1 for characters outside it. */
export function valueTable(alphabet: string): Int8Array {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

/**
 * Decodes the run of alphabet characters starting at `from` (a group boundary) until the first
 * character outside the alphabet, `=`, or `end`. A last partial group of 2 or 3 characters yields
 * its whole bytes.
 */
export function decodeBlocks(bytes: Uint8Array, from: number, end: number, values: Int8Array): Uint8Array {
  let stop = from;
  while (stop < end && (values[bytes[stop] ?? 0] ?? -1) >= 0) stop++;
  const out = new Uint8Array(Math.floor(((stop - from) * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = from; i < stop; i++) {
    acc = ((acc << 6) | (values[bytes[i] ?? 0] ?? 0)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** The part of an encoding of `text` that does not depend on the bytes around it. */
export interface StableEncoding {
  /** The encoded characters that are the same whatever surrounds `text`. */
  readonly text: string;
  /** Where `text` starts in the decoded group: 0, 1 or 2 bytes after a group boundary. */
  readonly alignment: number;
  /** How many characters after the group boundary the stable characters start. */
  readonly offset: number;
}

/** The stable encodings of `text` (bytes as Latin-1 chars) at the three alignments. */
export function stableEncodings(text: string, alphabet: string): StableEncoding[] {
  const out: StableEncoding[] = [];
  for (let alignment = 0; alignment < 3; alignment++) {
    const data = [...new Array<number>(alignment).fill(0), ...Array.from(text, (c) => c.charCodeAt(0))];
    while (data.length % 3 !== 0) data.push(0);
    let encoded = '';
    let first = -1;
    let last = -1;
    for (let c = 0; c < (data.length / 3) * 4; c++) {
      const bit = (c >> 2) * 24 + (c & 3) * 6;
      const value = (((data[bit >> 3] ?? 0) << 8) | (data[(bit >> 3) + 1] ?? 0)) >> (10 - (bit & 7));
      encoded += alphabet[value & 63];
      // A character is stable when all 6 of its bits come from bytes of `text`.
      const stable = bit >> 3 >= alignment && (bit + 5) >> 3 < alignment + text.length;
      if (stable && first < 0) first = c;
      if (stable) last = c;
    }
    if (first >= 0) out.push({ text: encoded.slice(first, last + 1), alignment, offset: first });
  }
  return out;
}
