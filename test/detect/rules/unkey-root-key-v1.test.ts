import { describe, expect, it } from 'vitest';
import { BASE58_ALPHABET } from '../../../src/detect/base58.js';
import { createDetector } from '../../../src/detect/create-detector.js';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { scanText } from '../../support/detect-helpers.js';
import { base58Checksum, KeyGenerator, UNKEY_PREFIX } from '../../support/keygen.js';

const detector = createDetector();
const gen = new KeyGenerator(12);

/** Replaces the character at `index` by another base58 character. */
function mutate(key: string, index: number): string {
  const old = key[index] as string;
  const replacement = BASE58_ALPHABET[(BASE58_ALPHABET.indexOf(old) + 1) % 58] as string;
  return key.slice(0, index) + replacement + key.slice(index + 1);
}

describe('unkey-root-key-v1', () => {
  it('finds generated keys with a correct checksum', () => {
    for (let i = 0; i < 300; i++) {
      const key = gen.rootKeyV1();
      const findings = scanText(`token: ${key}\n`, detector);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ ruleId: 'unkey-root-key-v1', line: 1, column: 8 });
      expect(findings[0]?.fingerprint).toBe(fingerprintKey(key));
    }
  });

  it('ignores a key whose checksum does not match', () => {
    for (let i = 0; i < 100; i++) {
      const key = gen.rootKeyV1();
      expect(scanText(mutate(key, key.length - 1), detector)).toEqual([]);
      expect(scanText(mutate(key, gen.int(UNKEY_PREFIX.length, key.length - 7)), detector)).toEqual([]);
    }
  });

  it('ignores the v1 shape with a wrong marker, length or glued text', () => {
    const key = gen.rootKeyV1();
    const body = key.slice(0, -6).replace('unkeyv1', 'unkeyv2');
    expect(scanText(body + base58Checksum(body), detector)).toEqual([]);
    const short = key.slice(0, -7);
    expect(scanText(short + base58Checksum(short), detector)).toEqual([]);
    expect(scanText(`${key}x`, detector)).toEqual([]);
    expect(scanText(`x${key}`, detector)).toEqual([]);
  });
});
