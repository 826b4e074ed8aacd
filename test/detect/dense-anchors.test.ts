import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { scanChunks, scanText, utf8 } from '../support/detect-helpers.js';
import { KeyGenerator, UNKEY_PREFIX } from '../support/keygen.js';

const detector = createDetector();
const gen = new KeyGenerator(31);
const escapeChar = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * Text packed with v1 anchors, so each lead is looked back at from several anchors: real keys
 * (some with head characters escaped, which moves the lead further back), keys glued to a word,
 * and the v1 shape with a bad tail. Returns the text and the keys it holds.
 */
function denseText(units: number): { text: string; keys: string[] } {
  const keys: string[] = [];
  let text = '';
  for (let i = 0; i < units; i++) {
    const key = gen.rootKeyV1();
    const head = key.slice(0, 14);
    const rest = key.slice(14);
    const kind = gen.int(0, 4);
    if (kind === 0) {
      keys.push(key);
      text += `${key}${gen.pick([' ', '\n', '"', ''])}`;
      if (!/[\s"]$/.test(text)) text += ' ';
    } else if (kind === 1) {
      keys.push(key);
      const escapedHead = Array.from(head, (c, j) => (j > 6 && gen.int(0, 1) === 0 ? escapeChar(c) : c));
      text += `${escapedHead.join('')}${rest} `;
    } else if (kind === 2) {
      text += `x${key} `;
    } else {
      text += `${UNKEY_PREFIX}${gen.base58(8)}unkeyv1${gen.pick(['', 'abc', '0OIl'])} `;
    }
  }
  return { text, keys };
}

describe('keys among dense v1 anchors', () => {
  it('reports every key and nothing else, the same whole and in chunks', () => {
    for (let round = 0; round < 10; round++) {
      const { text, keys } = denseText(400);
      const expected = [...new Set(keys.map(fingerprintKey))].sort();
      const whole = scanText(text, detector);
      // Each key once, even when another `unkeyv1` follows it closely.
      expect(whole.map((f) => f.fingerprint).sort()).toEqual(expected);
      const chunked = scanChunks(detector, utf8(text), [gen.int(1, 5000)]);
      expect(chunked).toEqual(whole);
    }
  });

  it('reports a v1 key once when another `unkeyv1` follows it within its look-back', () => {
    const key = gen.rootKeyV1();
    for (const after of [' unkeyv1 ', ' unkeyv1', `\n${UNKEY_PREFIX}unkeyv1 `, ` ${'x'.repeat(60)}unkeyv1`]) {
      const text = `value: ${key}${after}\n`;
      const whole = scanText(text, detector);
      expect(whole).toEqual([
        expect.objectContaining({ line: 1, column: 8, fingerprint: fingerprintKey(key) }),
      ]);
      for (let cut = 0; cut <= text.length; cut += 7) {
        expect(scanChunks(detector, utf8(text), [cut || 1])).toEqual(whole);
      }
    }
  });
});
