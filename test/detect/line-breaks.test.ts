import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { countCodePoints, countLineBreaks } from '../../src/detect/line-breaks.js';
import { foundKey, scanChunks, scanText, utf8 } from '../support/detect-helpers.js';
import { KeyGenerator } from '../support/keygen.js';

/** The reference: one byte at a time, as the tracker's slow loop counts. */
function naiveBreaks(bytes: Uint8Array, from: number, end: number, afterCR: boolean) {
  let count = 0;
  let restStart = from;
  let cr = afterCR;
  let endsWithCR = false;
  for (let i = from; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || byte === 0x0d) {
      if (byte === 0x0d || !cr) count++;
      restStart = i + 1;
      endsWithCR = byte === 0x0d;
    }
    cr = byte === 0x0d;
  }
  return { count, restStart, endsWithCR };
}

const text = fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', '\r\n', ' '), maxLength: 80 });

describe('countLineBreaks', () => {
  it('counts LF, CRLF and lone CR as one break each, in any range, after a CR or not', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.boolean(), (s, a, b, afterCR) => {
        const bytes = utf8(s);
        const from = a % (bytes.length + 1);
        const end = from + (b % (bytes.length - from + 1));
        expect(countLineBreaks(bytes, from, end, afterCR)).toEqual(naiveBreaks(bytes, from, end, afterCR));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a CRLF split between two ranges once', () => {
    const bytes = utf8('a\r\nb');
    const first = countLineBreaks(bytes, 0, 2, false);
    expect(first).toEqual({ count: 1, restStart: 2, endsWithCR: true });
    expect(countLineBreaks(bytes, 2, 4, first.endsWithCR)).toEqual({
      count: 0,
      restStart: 3,
      endsWithCR: false,
    });
  });
});

describe('countCodePoints', () => {
  it('counts the code points of any UTF-8 range, across ASCII and non-ASCII blocks', () => {
    const unit = fc.constantFrom('a', 'é', '€', '😀', 'x'.repeat(1000), 'y'.repeat(4095));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }), fc.nat(), (parts, cut) => {
        const text = parts.join('');
        const chars = [...text];
        const skip = cut % (chars.length + 1);
        const from = utf8(chars.slice(0, skip).join('')).length;
        expect(countCodePoints(utf8(text), from, utf8(text).length)).toBe(chars.length - skip);
      }),
      { numRuns: 300 },
    );
  });
});

describe('line numbers on long CRLF and CR text (the native counting path)', () => {
  const detector = createDetector();
  const gen = new KeyGenerator(91);

  it('are exact whole and in chunks that split CR from LF', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const lines: string[] = [];
      const keys: [string, number][] = [];
      for (let i = 0; i < 2000; i++) {
        if (i % 401 === 400) {
          const key = gen.rootKey();
          keys.push([key, i + 1]);
          lines.push(`é k=${key}`);
        } else lines.push('x'.repeat(gen.int(0, 90)));
      }
      const joined = lines.join(eol);
      const whole = scanText(joined, detector);
      for (const [key, line] of keys)
        expect(foundKey(whole, key)).toEqual([expect.objectContaining({ line, column: 5 })]);
      const bytes = utf8(joined);
      // Chunk sizes around the fast path's minimum and odd sizes put CR and LF in different chunks.
      for (const sizes of [[255], [256], [257], [4099], [65_536], [1, 3000, 7]]) {
        expect(scanChunks(detector, bytes, sizes)).toEqual(whole);
      }
    }
  });

  it('give exact columns on a long line mixing ASCII and other characters, whole and streamed', () => {
    const key = gen.rootKey();
    const filler = Array.from({ length: 3000 }, (_, i) =>
      i % 97 === 0 ? 'é😀' : 'x'.repeat(gen.int(1, 200)),
    ).join('');
    const text = `a\r\n${filler} ${key} tail`;
    const expected = [expect.objectContaining({ line: 2, column: [...filler].length + 2 })];
    expect(scanText(text, detector)).toEqual(expected);
    for (const size of [4096, 65_536, 1000, 1 << 20])
      expect(scanChunks(detector, utf8(text), [size])).toEqual(expected);
  });
});
