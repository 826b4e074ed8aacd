import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { base64, foundKey, scanChunks, scanText, utf8 } from '../support/detect-helpers.js';
import { KeyGenerator } from '../support/keygen.js';

const detector = createDetector({ apiKeyPrefixes: ['acme'] });
const gen = new KeyGenerator(77);
const ESC = '\u001b';

/** Colour codes as CI logs hold them: raw ESC, and ESC written in source or JSON text. */
const colours = [
  `${ESC}[33m`,
  `${ESC}[1;33m`,
  `${ESC}[0m`,
  `${ESC}[m`,
  `${ESC}[38;5;208m`,
  `${ESC}[K`,
  '\\e[33m',
  '\\033[1;33m',
  '\\x1b[33m',
  '\\x1B[33m',
  '\\u001b[1;33m',
  '\\u001B[33m',
  '\\u{1b}[33m',
];

const keys = () => [gen.rootKey(), gen.rootKeyV1(), gen.apiKey('acme')];

describe('a key right after a terminal escape sequence', () => {
  it('is found after the final byte of a CSI sequence, plain, v1 and API key', () => {
    for (const colour of colours) {
      for (const key of keys()) {
        const text = `2026-11-27T10:00:00Z ${colour}${key}${ESC}[0m\n`;
        const findings = scanText(text, detector);
        expect(foundKey(findings, key), `${JSON.stringify(colour)}`).toEqual([
          expect.objectContaining({ line: 1, column: 22 + [...colour].length }),
        ]);
      }
    }
  });

  it('is found inside base64 of a coloured log line', () => {
    const key = gen.rootKey();
    expect(foundKey(scanText(`x ${base64(`${ESC}[1;33m${key}`)}`, detector), key)).toHaveLength(1);
  });

  it('is found with the sequence split across chunks at every position', () => {
    for (const key of keys()) {
      const text = `log line\r\n${ESC}[1;33m${key} done\n`;
      const expected = scanText(text, detector);
      expect(foundKey(expected, key)).toEqual([expect.objectContaining({ line: 2, column: 8 })]);
      const bytes = utf8(text);
      for (let cut = 0; cut <= bytes.length; cut++) {
        expect(scanChunks(detector, bytes, [cut, bytes.length])).toEqual(expected);
      }
      expect(scanChunks(detector, bytes, [1])).toEqual(expected);
    }
  });

  it('is still glued when the bytes before it only look like an escape sequence', () => {
    for (const key of keys()) {
      for (const before of [
        '[33m',
        'e[33m',
        '\\[33m',
        `${ESC}33m`,
        `${ESC}[3${ESC}m`,
        '\\u001[33m',
        'x1b[33m',
      ]) {
        expect(foundKey(scanText(`${before}${key}`, detector), key), before).toEqual([]);
      }
    }
  });
});
