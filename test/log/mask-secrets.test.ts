import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { maskSecrets } from '../../src/log/mask-secrets.js';
import { KeyGenerator, UNKEY_PREFIX } from '../support/keygen.js';

describe('maskSecrets', () => {
  it('masks Unkey keys of both formats, also glued to other text', () => {
    const gen = new KeyGenerator(503);
    const key = gen.rootKey();
    const v1 = gen.rootKeyV1();
    expect(maskSecrets(`a ${key} b`)).toBe(`a ${maskKey(key)} b`);
    expect(maskSecrets(`x\\n${v1}`)).toBe(`x\\n${maskKey(v1)}`);
    expect(maskSecrets(`KEY=${key}`)).toBe(`KEY=${maskKey(key)}`);
    // Any `unkey_` + 8 alphanumerics counts, even outside the real formats.
    expect(maskSecrets(`${UNKEY_PREFIX}abcdefgh12`)).not.toContain('abcdefgh');
  });

  it('leaves identifiers and short text alone', () => {
    const text = `${UNKEY_PREFIX}short key_123 ws_abc api_x`;
    expect(maskSecrets(text)).toBe(text);
  });
});

describe('maskSecrets on JSON lines', () => {
  it('keeps a line valid JSON when a cut-short PEM is followed by an escaped quote', () => {
    const line = JSON.stringify({
      msg: `key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow${'A'.repeat(40)}"quoted"`,
    });
    const masked = maskSecrets(line);
    expect(masked).not.toContain('MIIEow');
    expect(JSON.parse(masked)).toEqual({ msg: 'key: [redacted]"quoted"' });
  });
});
