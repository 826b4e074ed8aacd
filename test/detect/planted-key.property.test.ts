import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { base64, base64url, escapeAll, scanChunks, scanText, utf8 } from '../support/detect-helpers.js';
import { KeyGenerator } from '../support/keygen.js';

const detector = createDetector({ apiKeyPrefixes: ['acme'] });

/** Text characters: ASCII, punctuation, 2-, 3- and 4-byte UTF-8. No line breaks (added apart). */
const textChar = fc.constantFrom(...'abcXYZ019 _-+/=.,;:"\'{}()[]<>#%\\\té€😀日');
const line = fc.string({ unit: textChar, maxLength: 40 });
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

const encodings: Record<string, (key: string) => string> = {
  plain: (key) => key,
  base64: (key) => base64(key),
  base64url: (key) => base64url(`\u00ff${key}`),
  'base64 of .env': (key) => base64(`A=1\nKEY=${key}\n`),
  'base64 of base64': (key) => base64(`x=${base64(key)}`),
  percent: (key) => key.replace('_', '%5F'),
  escape: (key) => escapeAll(key),
};

/** 1-based line and code-point column where `prefix` ends. */
function positionAfter(prefix: string): { line: number; column: number } {
  const lines = prefix.split(/\r\n|\r|\n/);
  return { line: lines.length, column: [...(lines[lines.length - 1] ?? '')].length + 1 };
}

describe('a planted key (property)', () => {
  it('is found exactly once at its line and column, in any chunking, as scanBytes finds it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(fc.tuple(line, lineBreak), { maxLength: 12 }),
        fc.array(fc.tuple(line, lineBreak), { maxLength: 6 }),
        line,
        line,
        fc.constantFrom(...Object.keys(encodings)),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 30 }),
        (seed, before, after, lineStart, lineEnd, encoding, chunkSizes) => {
          const gen = new KeyGenerator(seed);
          const key = gen.pick([() => gen.rootKey(), () => gen.rootKeyV1(), () => gen.apiKey('acme')])();
          const head = before.map(([l, eol]) => l + eol).join('') + lineStart + ' ';
          const text = `${head}${encodings[encoding]!(key)} ${lineEnd}${after.map(([l, eol]) => eol + l).join('')}`;
          const whole = scanText(text, detector);
          const fingerprint = fingerprintKey(key);
          expect(whole).toEqual([expect.objectContaining({ fingerprint, ...positionAfter(head) })]);
          expect(scanChunks(detector, utf8(text), chunkSizes)).toEqual(whole);
        },
      ),
      { numRuns: 400 },
    );
  });
});
