import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../src/detect/create-detector.js';
import { foundKey, scanText } from '../../support/detect-helpers.js';
import { KeyGenerator } from '../../support/keygen.js';

const detector = createDetector({ apiKeyPrefixes: ['acme'] });
const gen = new KeyGenerator(22);
const percentAll = (text: string, upper: boolean) =>
  Array.from(text, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
    return `%${upper ? hex.toUpperCase() : hex}`;
  }).join('');

describe('percent decoder', () => {
  it('finds keys with a percent-encoded underscore, in either case', () => {
    for (const key of [gen.rootKey(), gen.rootKeyV1(), gen.apiKey('acme')]) {
      for (const form of ['%5F', '%5f']) {
        const text = `https://example.com/?k=${key.replace('_', form)}&next=1`;
        const findings = scanText(text, detector);
        expect(foundKey(findings, key)).toHaveLength(1);
        expect(findings[0]).toMatchObject({ column: 24, decodedFrom: ['percent'] });
      }
    }
  });

  it('finds fully percent-encoded keys and keys after an encoded space', () => {
    const key = gen.rootKey();
    for (const upper of [true, false]) {
      expect(foundKey(scanText(`q=${percentAll(key, upper)}`, detector), key)).toHaveLength(1);
    }
    expect(foundKey(scanText(`q=hello%20${key.replace('_', '%5F')}`, detector), key)).toHaveLength(1);
  });

  it('does not decode a key glued to an encoded letter or digit', () => {
    const key = gen.rootKey();
    expect(scanText(`q=%41${key.replace('_', '%5F')}`, detector)).toEqual([]);
    expect(scanText(`q=${key.replace('_', '%5F')}%41`, detector)).toEqual([]);
  });
});
