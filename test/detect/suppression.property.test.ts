import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { foundKey, scanChunks, scanText, utf8 } from '../support/detect-helpers.js';
import { KeyGenerator } from '../support/keygen.js';

const detector = createDetector();
const MARKER = ['rootguard', 'allow'].join(':');

/** Line pieces: keys, markers, and fillers long enough that lines span chunks and windows. */
const piece = fc.constantFrom('key', 'marker', 'short', 'long', 'wide');
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

describe('rootguard:allow (property)', () => {
  it('suppresses exactly the keys on marked lines, in any chunking, as scanBytes does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(fc.tuple(fc.array(piece, { maxLength: 5 }), lineBreak), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }),
        (seed, lines, chunkSizes) => {
          const gen = new KeyGenerator(seed);
          const keys: { key: string; allowed: boolean }[] = [];
          const text = lines
            .map(([pieces, eol]) => {
              const allowed = pieces.includes('marker');
              const words = pieces.map((p) => {
                if (p === 'key') {
                  const key = gen.rootKey();
                  keys.push({ key, allowed });
                  return key;
                }
                if (p === 'marker') return `# ${MARKER}`;
                if (p === 'short') return 'x = 1;';
                if (p === 'long') return 'y'.repeat(gen.int(1000, 3000));
                return 'é'.repeat(gen.int(100, 1500));
              });
              return words.join(' ') + eol;
            })
            .join('');
          const whole = scanText(text, detector);
          for (const { key, allowed } of keys) expect(foundKey(whole, key)).toHaveLength(allowed ? 0 : 1);
          expect(scanChunks(detector, utf8(text), chunkSizes)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});
