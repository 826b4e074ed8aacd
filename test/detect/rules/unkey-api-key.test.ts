import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../src/detect/create-detector.js';
import { DetectError } from '../../../src/detect/errors.js';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { scanText } from '../../support/detect-helpers.js';
import { KeyGenerator } from '../../support/keygen.js';

const gen = new KeyGenerator(13);

describe('unkey-api-key', () => {
  const detector = createDetector({ apiKeyPrefixes: ['acme', 'acme_live', 'X'] });

  it('finds keys of every configured prefix', () => {
    for (let i = 0; i < 200; i++) {
      const key = gen.apiKey(gen.pick(['acme', 'acme_live', 'X']));
      const findings = scanText(`k = "${key}"`, detector);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ ruleId: 'unkey-api-key', column: 6 });
      expect(findings[0]?.fingerprint).toBe(fingerprintKey(key));
    }
  });

  it('is off by default and ignores prefixes that are not configured', () => {
    const key = gen.apiKey('acme');
    expect(scanText(key)).toEqual([]);
    expect(scanText(gen.apiKey('other'), detector)).toEqual([]);
    expect(scanText(`my${key}`, detector)).toEqual([]);
  });

  it('ignores wrong lengths, non-base58 characters, low entropy and identifiers', () => {
    const key = gen.apiKey('acme');
    const misses = [
      key.slice(0, 'acme_'.length + 20),
      `acme_${gen.base58(23)}`,
      `${key.slice(0, 10)}0${key.slice(11)}`,
      `${key.slice(0, 10)}l${key.slice(11)}`,
      `acme_${'H'.repeat(22)}`,
      `acme_${'Gz3kQ9wM'.repeat(3).slice(0, 22)}`,
      `key_${gen.base58(22)}`,
      `api_${gen.base58(22)}`,
      `ws_${gen.base58(22)}`,
      `ks_${gen.base58(22)}`,
    ];
    for (const miss of misses) expect(scanText(` ${miss} `, detector)).toEqual([]);
  });

  it('rejects a bad prefix with a DetectError naming the prefix and the rule', () => {
    for (const bad of ['', 'a-b', 'naïve', 'a b']) {
      let error: unknown;
      try {
        createDetector({ apiKeyPrefixes: ['ok', bad] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DetectError);
      expect(error).toMatchObject({ code: 'bad-api-key-prefix', name: 'DetectError' });
      expect((error as Error).message).toContain(JSON.stringify(bad));
      expect((error as Error).message).toContain('unkey-api-key');
      expect(inspect(error)).toContain('bad-api-key-prefix');
    }
  });

  it('masks a too-long prefix in the error: it may be a key pasted into the wrong setting', () => {
    const key = new KeyGenerator(5).rootKey();
    expect(() => createDetector({ apiKeyPrefixes: [key] })).toThrow(/unkey-api-key.*\(30 characters\)/);
    expect(() => createDetector({ apiKeyPrefixes: ['x'.repeat(17)] })).toThrow(DetectError);
  });
});
