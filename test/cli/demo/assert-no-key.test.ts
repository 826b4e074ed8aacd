import { describe, expect, it } from 'vitest';
import { maskKey } from '../../../src/detect/mask.js';
import { assertNoKey } from '../../../src/cli/demo/assert-no-key.js';
import { KeyGenerator } from '../../support/keygen.js';

describe("assertNoKey (the demo's last check before printing)", () => {
  const gen = new KeyGenerator(5301);

  it('refuses an account holding a key, naming it only masked', () => {
    const key = gen.rootKey();
    let message = '';
    try {
      assertNoKey(`{"summary": "rerolled, new key ${key}"}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(maskKey(key));
    expect(message).not.toContain(key);
  });

  it('lets masked keys, fingerprints and key ids through', () => {
    const key = gen.rootKey();
    expect(() =>
      assertNoKey(`${maskKey(key)} key_XyB4SP7bNTYsREZWk6zrDd Mga0msAySNuqwjCiiAVwS0qEPtwrh9WVUR5bZQm9mjw=`),
    ).not.toThrow();
  });
});
