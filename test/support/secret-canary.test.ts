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

  it('lets the masked form through', () => {
    expect(findKeyMaterial([['masked', `leaked ${maskKey(key)} in config/.env`]], [key])).toEqual([]);
  });
});
