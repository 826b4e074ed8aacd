import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { matchRootKeys } from '../../src/playbook/match-root-key.js';
import type { RootKeyInfo } from '../../src/unkey/upcoming-client.js';
import { KeyGenerator } from '../support/keygen.js';

const gen = new KeyGenerator(77);

function listed(key: string, keyId: string): RootKeyInfo {
  return {
    keyId,
    name: null,
    start: key.slice(0, 8),
    end: key.slice(-4),
    enabled: true,
    createdAt: 1,
    lastUsedAt: 0,
    expires: null,
    permissions: [],
  };
}

describe('matchRootKeys', () => {
  it('matches by plaintext start and end, and by the mask when the key cannot be read', () => {
    const leaked = gen.rootKey();
    const other = gen.rootKey();
    const keys = [listed(leaked, 'key_a'), listed(other, 'key_b')];
    expect(matchRootKeys(keys, { plaintext: leaked, masked: maskKey(leaked) }).map((k) => k.keyId)).toEqual([
      'key_a',
    ]);
    expect(matchRootKeys(keys, { masked: maskKey(leaked) }).map((k) => k.keyId)).toEqual(['key_a']);
  });

  it('returns every key with the same start and end: the caller refuses to guess', () => {
    const leaked = gen.rootKey();
    const twin = `${leaked.slice(0, 8)}${gen.rootKey().slice(8, -4)}${leaked.slice(-4)}`;
    const keys = [listed(leaked, 'key_a'), listed(twin, 'key_b')];
    expect(matchRootKeys(keys, { masked: maskKey(leaked) })).toHaveLength(2);
  });

  it('ignores keys without a stored start or end', () => {
    const leaked = gen.rootKey();
    expect(matchRootKeys([{ ...listed(leaked, 'key_a'), end: '' }], { masked: maskKey(leaked) })).toEqual([]);
  });
});
