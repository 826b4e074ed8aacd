import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeBase58, encodeBase58 } from '../../src/detect/base58.js';
import { crc32c } from '../../src/detect/crc32c.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { Secret } from '../../src/detect/secret.js';
import { KeyGenerator } from '../support/keygen.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base58', () => {
  it('matches the Bitcoin reference vectors', () => {
    expect(encodeBase58(utf8('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    expect(encodeBase58(new Uint8Array([0, 0, 1]))).toBe('112');
    expect(Array.from(decodeBase58('112') ?? [])).toEqual([0, 0, 1]);
  });

  it('round-trips random bytes and rejects characters outside the alphabet', () => {
    const gen = new KeyGenerator(7);
    for (let i = 0; i < 200; i++) {
      const bytes = gen.bytes(gen.int(0, 40));
      expect(Array.from(decodeBase58(encodeBase58(bytes)) ?? [])).toEqual(Array.from(bytes));
    }
    for (const bad of ['0', 'O', 'I', 'l', '_', '+']) expect(decodeBase58(`abc${bad}`)).toBeUndefined();
  });
});

describe('crc32c', () => {
  it('matches the standard check value', () => {
    expect(crc32c(utf8('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array())).toBe(0);
  });
});

describe('fingerprintKey', () => {
  it("is base64(sha256(key)), Unkey's stored hash", () => {
    expect(fingerprintKey('abc')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  });
});

describe('maskKey and Secret', () => {
  const key = new KeyGenerator(1).rootKey();

  it('shows the first 8 and the last 4 characters only', () => {
    expect(maskKey(key)).toBe(`${key.slice(0, 8)}…${key.slice(-4)}`);
    expect(maskKey('short')).toBe('shor…');
  });

  it('never lets the plaintext escape by accident', () => {
    const secret = new Secret(key);
    const escapes = [
      String(secret),
      `${secret}`,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ secret }),
    ];
    for (const text of escapes) expect(text).not.toContain(key);
    expect(secret.reveal()).toBe(key);
  });
});

describe('KeyGenerator', () => {
  it('is deterministic per seed', () => {
    expect(new KeyGenerator(42).rootKey()).toBe(new KeyGenerator(42).rootKey());
    expect(new KeyGenerator(42).rootKey()).not.toBe(new KeyGenerator(43).rootKey());
  });

  it('makes root keys of the documented shape', () => {
    const gen = new KeyGenerator(3);
    const current = /^unkey_3Z[F-HJ-NP-Za-km-o][1-9A-HJ-NP-Za-km-z]{21}$/;
    const v1 = /^unkey_[1-9A-HJ-NP-Za-km-z]{8}unkeyv1[1-9A-HJ-NP-Za-km-z]{42}$/;
    for (let i = 0; i < 500; i++) {
      expect(gen.rootKey()).toMatch(current);
      expect(gen.rootKeyV1()).toMatch(v1);
    }
  });
});
