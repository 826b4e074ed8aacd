import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { recoverKey } from '../../src/detect/recover-key.js';
import { KeyGenerator } from '../support/keygen.js';
import { base64, escapeAll, utf8 } from '../support/detect-helpers.js';

const detector = createDetector();
const keys = new KeyGenerator(4104);

describe('recoverKey', () => {
  it('finds the key with the fingerprint among others in text, wrapped in Secret', () => {
    const [other, wanted, v1] = [keys.rootKey(), keys.rootKey(), keys.rootKeyV1()];
    const text = `first=${other}\nUNKEY_ROOT_KEY=${wanted} # rootguard:allow\nv1: ${v1}\n`;
    const secret = recoverKey(detector, utf8(text), fingerprintKey(wanted));
    expect(secret?.reveal()).toBe(wanted);
    for (const shown of [String(secret), JSON.stringify({ secret }), inspect(secret)])
      expect(shown).not.toContain(wanted);
    expect(recoverKey(detector, utf8(text), fingerprintKey(v1))?.reveal()).toBe(v1);
  });

  it('finds an encoded key (base64, escaped)', () => {
    const key = keys.rootKey();
    const fingerprint = fingerprintKey(key);
    expect(recoverKey(detector, utf8(`secret: ${base64(`token=${key}`)}\n`), fingerprint)?.reveal()).toBe(
      key,
    );
    expect(recoverKey(detector, utf8(`"k": "${escapeAll(key)}"`), fingerprint)?.reveal()).toBe(key);
  });

  it('gives undefined when the key is not there, or only another key is', () => {
    const [key, other] = [keys.rootKey(), keys.rootKey()];
    expect(recoverKey(detector, utf8('nothing to see here\n'), fingerprintKey(key))).toBeUndefined();
    expect(recoverKey(detector, new Uint8Array(0), fingerprintKey(key))).toBeUndefined();
    expect(recoverKey(detector, utf8(`k=${other}\n`), fingerprintKey(key))).toBeUndefined();
  });
});

describe('recoverKey in ranges', () => {
  it('finds the key with ranges that cover the bytes together, wherever a range ends (plain and base64)', () => {
    const key = keys.rootKey();
    const fingerprint = fingerprintKey(key);
    for (const text of [`${'x'.repeat(50)} ${key} tail`, `v: ${base64(`token=${key}`)}\n`]) {
      const bytes = utf8(text);
      for (let cut = 1; cut < bytes.length; cut++) {
        const found = [
          recoverKey(detector, bytes, fingerprint, { from: 0, to: cut }),
          recoverKey(detector, bytes, fingerprint, { from: cut, to: bytes.length }),
        ].filter((s) => s !== undefined);
        expect(found.map((s) => s.reveal())).toEqual([key]);
      }
    }
  });
});
