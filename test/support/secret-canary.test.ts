import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { KeyGenerator } from './keygen.js';
import { findKeyMaterial } from './secret-canary.js';

describe('findKeyMaterial (the secret canary of the integration tests)', () => {
  const key = new KeyGenerator(5150).rootKey();

  it('finds a whole key and any 8-character piece of one', () => {
    expect(findKeyMaterial([['whole', `token=${key}`]], [key])).toEqual(['whole']);
    expect(findKeyMaterial([['piece', `…${key.slice(10, 18)}…`]], [key])).toEqual(['piece']);
    expect(findKeyMaterial([['base', JSON.stringify({ a: key.slice(5, 13) })]], [key])).toEqual(['base']);
  });

  it('finds what searching each text for the whole key and each of its pieces finds', () => {
    const gen = new KeyGenerator(5151);
    const keys = [gen.rootKey(), gen.rootKeyV1(), gen.rootKey()];
    const naive = (text: string) =>
      keys.some(
        (k) =>
          text.includes(k) ||
          [...Array(k.length - 8).keys()].some((at) => text.includes(k.slice(at + 1, at + 9))),
      );
    const texts: [string, string][] = [];
    for (let i = 0; i < 300; i++) {
      const k = gen.pick(keys);
      const from = gen.int(0, k.length - 1);
      const to = gen.int(from, k.length);
      texts.push([
        `text ${i}`,
        `${gen.base58(gen.int(0, 6))}${k.slice(from, to)}${gen.base58(gen.int(0, 6))}`,
      ]);
    }
    const expected = texts.filter(([, text]) => naive(text)).map(([label]) => label);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(texts.length);
    expect(findKeyMaterial(texts, keys)).toEqual(expected);
  });

  it('lets the masked form through', () => {
    expect(findKeyMaterial([['masked', `leaked ${maskKey(key)} in config/.env`]], [key])).toEqual([]);
  });
});
