import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../src/detect/create-detector.js';
import { base64, escapeAll, foundKey, scanText } from '../../support/detect-helpers.js';
import { KeyGenerator } from '../../support/keygen.js';

const detector = createDetector();
const gen = new KeyGenerator(23);
const forms: Record<string, (code: number) => string> = {
  '\\xHH': (c) => `\\x${c.toString(16).padStart(2, '0')}`,
  '\\uHHHH': (c) => `\\u${c.toString(16).padStart(4, '0')}`,
  '\\u{HH}': (c) => `\\u{${c.toString(16)}}`,
  '\\uHHHH upper': (c) => `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`,
};

describe('escape decoder', () => {
  for (const [name, escape] of Object.entries(forms)) {
    it(`finds keys with ${name} escapes of any character`, () => {
      for (let i = 0; i < 40; i++) {
        const key = i % 2 ? gen.rootKey() : gen.rootKeyV1();
        const index = i < 20 ? i % 8 : gen.int(0, key.length - 1);
        const written = key.slice(0, index) + escape(key.charCodeAt(index)) + key.slice(index + 1);
        const findings = scanText(`const k = "${written}";`, detector);
        expect(foundKey(findings, key)).toHaveLength(1);
        expect(findings[0]).toMatchObject({ line: 1, column: 12, decodedFrom: ['escape'] });
      }
    });
  }

  it('finds fully escaped keys in every form', () => {
    for (const escape of Object.values(forms)) {
      const key = gen.rootKey();
      const written = Array.from(key, (c) => escape(c.charCodeAt(0))).join('');
      expect(foundKey(scanText(`s = '${written}'`, detector), key)).toHaveLength(1);
    }
  });

  it('finds an escaped key inside base64 (two layers)', () => {
    const key = gen.rootKey();
    const json = `{"root": "${key.replace('_', '\\u005f')}"}`;
    expect(scanText(base64(json), detector)).toEqual([
      expect.objectContaining({ decodedFrom: ['base64', 'escape'] }),
    ]);
  });

  it('finds a key right after an escaped line break or tab in a JSON string', () => {
    const key = gen.rootKey();
    for (const escape of ['\\n', '\\r\\n', '\\t']) {
      const findings = scanText(`{"log": "starting${escape}${key}${escape}done"}`, detector);
      expect(foundKey(findings, key)).toHaveLength(1);
    }
  });

  it('finds a fully escaped v1 key inside base64, longer than the first decoded window', () => {
    const key = gen.rootKeyV1();
    const json = `{"root": "${escapeAll(key)}"}`;
    expect(scanText(`x ${base64(json)}`, detector)).toEqual([
      expect.objectContaining({ column: 3, decodedFrom: ['base64', 'escape'] }),
    ]);
  });

  it('ignores escaped near misses and escaped glued prefixes', () => {
    const key = gen.rootKey();
    expect(scanText(escapeAll(key.slice(0, -1)), detector)).toEqual([]);
    expect(scanText(escapeAll(`my${key}`), detector)).toEqual([]);
    expect(scanText(`\\x41${escapeAll(key)}`, detector)).toEqual([]);
    expect(scanText(`${escapeAll(key)}\\x41`, detector)).toEqual([]);
  });
});
