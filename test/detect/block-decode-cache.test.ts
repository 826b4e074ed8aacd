import { describe, expect, it } from 'vitest';
import { decodeBlocks, valueTable } from '../../src/detect/base64-blocks.js';
import { BlockDecodeCache, CACHED_SEGMENT_CHARS } from '../../src/detect/block-decode-cache.js';
import { base64Decoder } from '../../src/detect/decoders/base64.js';
import { base64urlDecoder } from '../../src/detect/decoders/base64url.js';
import { KeyGenerator } from '../support/keygen.js';

const gen = new KeyGenerator(77);
const tables = [valueTable(base64Decoder.alphabet), valueTable(base64urlDecoder.alphabet)];

/** Base64 runs of random lengths, in either alphabet, split by spaces and `=`. */
function runs(length: number): Uint8Array {
  let text = '';
  while (text.length < length) {
    const alphabet = gen.pick([base64Decoder.alphabet, base64urlDecoder.alphabet]);
    const run = gen.int(0, 10) === 0 ? gen.int(1, 3 * CACHED_SEGMENT_CHARS) : gen.int(0, 300);
    for (let i = 0; i < run; i++) text += alphabet[gen.int(0, alphabet.length - 1)];
    text += gen.pick([' ', '=', '\n']);
  }
  return Buffer.from(text.slice(0, length), 'latin1');
}

describe('BlockDecodeCache', () => {
  it('returns exactly what decodeBlocks returns, for overlapping requests in any order', () => {
    for (let round = 0; round < 10; round++) {
      const whole = runs(30_000);
      // A view into a larger buffer: positions are relative to the view, not the buffer.
      const bytes = whole.subarray(gen.int(0, 50), whole.length - gen.int(0, 50));
      const cache = new BlockDecodeCache();
      let at = 0;
      for (let i = 0; i < 2000; i++) {
        at = gen.int(0, 4) === 0 ? gen.int(0, bytes.length) : Math.min(bytes.length, at + gen.int(0, 40));
        const from = at;
        const end = from + gen.pick([0, 3, 17, 172, 1040, 5000]);
        const values = gen.pick(tables);
        const got = cache.decode(bytes, from, end, values);
        expect(Buffer.from(got).equals(Buffer.from(decodeBlocks(bytes, from, end, values)))).toBe(true);
        // Decoded bytes decoded again (base64 of base64) share the cache through their buffer.
        if (got.length > 8) {
          const innerFrom = gen.int(0, got.length - 1);
          const innerEnd = innerFrom + gen.int(0, 200);
          const inner = cache.decode(got, innerFrom, innerEnd, values);
          const expected = decodeBlocks(got, innerFrom, innerEnd, values);
          expect(Buffer.from(inner).equals(Buffer.from(expected))).toBe(true);
        }
      }
    }
  });
});
