import { describe, expect, it } from 'vitest';
import { BASE58_ALPHABET, decodeBase58, encodeBase58 } from '../../../src/detect/base58.js';
import { createDetector } from '../../../src/detect/create-detector.js';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { maskKey } from '../../../src/detect/mask.js';
import { unkeyRootKey } from '../../../src/detect/rules/unkey-root-key.js';
import { scanText } from '../../support/detect-helpers.js';
import { KeyGenerator, UNKEY_PREFIX } from '../../support/keygen.js';

const detector = createDetector();
const gen = new KeyGenerator(11);
// The documented shape, assembled at run time.
const SHAPE = new RegExp(`^${UNKEY_PREFIX}3Z[F-HJ-NP-Za-km-o][1-9A-HJ-NP-Za-km-z]{21}$`);

function withVersion(b0: number, b1: number): string {
  const raw = new Uint8Array(18);
  raw.set([b0, b1]);
  raw.set(gen.bytes(16), 2);
  return UNKEY_PREFIX + encodeBase58(raw);
}

describe('unkey-root-key', () => {
  it('finds generated keys, with fingerprint and mask only', () => {
    for (let i = 0; i < 300; i++) {
      const key = gen.rootKey();
      const [finding, ...rest] = scanText(`ROOT=${key}\n`, detector);
      expect(rest).toEqual([]);
      expect(finding).toEqual({
        ruleId: 'unkey-root-key',
        path: 'test.txt',
        line: 1,
        column: 6,
        fingerprint: fingerprintKey(key),
        masked: maskKey(key),
      });
    }
  });

  it('finds keys between the usual delimiters', () => {
    const key = gen.rootKey();
    for (const [before, after] of [
      ['"', '"'],
      ["'", "'"],
      ['=', ''],
      ['(', ')'],
      ['`', '`'],
      ['Bearer ', ','],
    ]) {
      expect(scanText(`${before}${key}${after}`, detector)).toHaveLength(1);
    }
  });

  const nearMisses: Record<string, () => string> = {
    'placeholder: one repeated character': () => `${UNKEY_PREFIX}3Z${'F'.repeat(22)}`,
    'placeholder: x fill': () => `${UNKEY_PREFIX}3Z${'x'.repeat(22)}`,
    'placeholder: G fill (valid structure)': () => `${UNKEY_PREFIX}3Z${'G'.repeat(22)}`,
    'short repeated pattern (period 8, 3 bits per char)': () =>
      `${UNKEY_PREFIX}3Z${'Gz3kQ9wM'.repeat(3).slice(0, 22)}`,
    'alphabet run': () => `${UNKEY_PREFIX}3Z${BASE58_ALPHABET.slice(16, 38)}`,
    'masked key': () => maskKey(gen.rootKey()),
    'masked with stars': () => `${gen.rootKey().slice(0, 10)}${'*'.repeat(20)}`,
    'one character short': () => gen.rootKey().slice(0, -1),
    'one character long': () => gen.rootKey() + gen.base58(1),
    'non-base58 0': () => gen.rootKey().slice(0, 15) + '0' + gen.rootKey().slice(16),
    'non-base58 O': () => gen.rootKey().slice(0, 15) + 'O' + gen.rootKey().slice(16),
    'non-base58 I': () => gen.rootKey().slice(0, 15) + 'I' + gen.rootKey().slice(16),
    'non-base58 l': () => gen.rootKey().slice(0, 15) + 'l' + gen.rootKey().slice(16),
    'glued prefix myunkey_': () => `my${gen.rootKey()}`,
    'glued underscore': () => `_${gen.rootKey()}`,
    'glued suffix': () => `${gen.rootKey()}_x`,
    'identifier key_': () => `key_${gen.base58(22)}`,
    'identifier api_': () => `api_${gen.base58(22)}`,
    'identifier ws_': () => `ws_${gen.base58(22)}`,
    'identifier ks_': () => `ks_${gen.base58(22)}`,
    'other prefix': () => `unkee_${gen.rootKey().slice(UNKEY_PREFIX.length)}`,
    'upper-case prefix': () => `UNKEY_${gen.rootKey().slice(UNKEY_PREFIX.length)}`,
    'sha256 hex': () => `${UNKEY_PREFIX}${fingerprintHex(gen.rootKey())}`,
    'sha256 base64 fingerprint': () => `${UNKEY_PREFIX}${fingerprintKey(gen.rootKey())}`,
    'wrong version byte': () => withVersion(0x02, 0x10),
    'wrong length byte': () => withVersion(0x01, 0x20),
  };

  for (const [name, make] of Object.entries(nearMisses)) {
    it(`ignores near miss: ${name}`, () => {
      for (let i = 0; i < 20; i++) expect(scanText(` ${make()} `, detector)).toEqual([]);
    });
  }

  it('rejects the fillers by the entropy floor, not by their shape', () => {
    const fillers = [
      `${UNKEY_PREFIX}3Z${'G'.repeat(22)}`,
      `${UNKEY_PREFIX}3Z${'Gz3kQ9wM'.repeat(3).slice(0, 22)}`,
      `${UNKEY_PREFIX}3Z${BASE58_ALPHABET.slice(16, 38)}`,
    ];
    for (const filler of fillers) {
      expect(filler).toMatch(SHAPE);
      const raw = decodeBase58(filler.slice(UNKEY_PREFIX.length));
      expect([raw?.length, raw?.[0], raw?.[1]]).toEqual([18, 0x01, 0x10]);
      expect(unkeyRootKey.match(filler, 0)).toBe(0);
    }
  });
});

function fingerprintHex(key: string): string {
  return Buffer.from(fingerprintKey(key), 'base64').toString('hex');
}
