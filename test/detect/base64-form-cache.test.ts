import { describe, expect, it } from 'vitest';
import { Base64FormCache, isAnyBase64 } from '../../src/detect/base64-form-cache.js';
import { CACHED_SEGMENT_CHARS } from '../../src/detect/block-decode-cache.js';
import { KeyGenerator } from '../support/keygen.js';

const gen = new KeyGenerator(78);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The forms in [start, min(to, run end)), scanned directly. */
function expected(bytes: Uint8Array, start: number, to: number) {
  let url = false;
  let standard = false;
  for (let i = start; i < to && isAnyBase64(bytes[i] as number); i++) {
    if (bytes[i] === 0x2d || bytes[i] === 0x5f) url = true;
    if (bytes[i] === 0x2b || bytes[i] === 0x2f) standard = true;
  }
  return { url, standard };
}

/** Runs of letters with, each, none, some or many of `+/` and `-_`, split by spaces and `=`. */
function runs(length: number): Uint8Array {
  let text = '';
  while (text.length < length) {
    const extra = gen.pick(['', '+', '/', '-_', '+/-_']);
    const rate = gen.pick([0, 0.001, 0.03, 0.3]);
    const run = gen.int(0, 10) === 0 ? gen.int(1, 3 * CACHED_SEGMENT_CHARS) : gen.int(0, 300);
    for (let i = 0; i < run; i++) {
      const pool = extra && gen.next() < rate ? extra : LETTERS;
      text += pool[gen.int(0, pool.length - 1)];
    }
    text += gen.pick([' ', '=', '\n']);
  }
  return Buffer.from(text.slice(0, length), 'latin1');
}

describe('Base64FormCache', () => {
  it('tells the same forms as a direct scan, for overlapping requests in any order', () => {
    for (let round = 0; round < 10; round++) {
      const whole = runs(30_000);
      const bytes = whole.subarray(gen.int(0, 50), whole.length - gen.int(0, 50));
      const cache = new Base64FormCache();
      let at = 0;
      for (let i = 0; i < 3000; i++) {
        at = gen.int(0, 4) === 0 ? gen.int(0, bytes.length) : Math.min(bytes.length, at + gen.int(0, 40));
        const to = at + gen.pick([0, 5, 172, 1040, 6000]);
        expect(cache.forms(bytes, at, to)).toEqual(expected(bytes, at, to));
        // A shorter view of the same buffer ends its runs earlier.
        const view = bytes.subarray(0, Math.min(bytes.length, at + gen.int(0, 200)));
        expect(cache.forms(view, Math.min(at, view.length), to)).toEqual(
          expected(view, Math.min(at, view.length), to),
        );
      }
    }
  });
});
