import { describe, expect, it } from 'vitest';
import { maskKey } from '../../../src/detect/mask.js';
import { maskReportText } from '../../../src/report/markdown/mask-report-text.js';
import { KeyGenerator, UNKEY_PREFIX } from '../../support/keygen.js';
import { keyShaped } from '../../support/source-findings.js';

describe('maskReportText', () => {
  const gen = new KeyGenerator(301);

  it('masks root keys of both formats wherever they sit', () => {
    const root = gen.rootKey();
    const v1 = gen.rootKeyV1();
    const text = `path/${root}.env and "${v1}"\n${root}`;
    const masked = maskReportText(text);
    expect(masked).toBe(`path/${maskKey(root)}.env and "${maskKey(v1)}"\n${maskKey(root)}`);
    expect(keyShaped(masked)).toEqual([]);
  });

  it('masks anything key-shaped, even what the detector would not call a key', () => {
    const shaped = `${UNKEY_PREFIX}abcdefgh`;
    expect(maskReportText(`x${shaped}y`)).toBe(`x${maskKey(`${shaped}y`)}`);
  });

  it('leaves masked keys, short names and other text alone, and never lengthens text', () => {
    const masked = maskKey(gen.rootKey());
    const text = `${masked} ${UNKEY_PREFIX}client ${UNKEY_PREFIX}a-b-c-d-e-f-g-h plain`;
    expect(maskReportText(text)).toBe(text);
    const long = `${gen.rootKey()} `.repeat(100);
    expect(maskReportText(long).length).toBeLessThan(long.length);
  });
});

describe('maskReportText on encoded keys', () => {
  const gen = new KeyGenerator(1210);

  it('masks a root key written base64, percent-encoded or escaped, keeping JSON valid and never lengthening', () => {
    const key = gen.rootKey();
    const forms = [
      Buffer.from(`K=${key}`).toString('base64'),
      key.replace('_', '%5F'),
      key.replace('_', '\\u005f'),
    ];
    for (const form of forms) {
      const text = JSON.stringify({ text: `job "deploy ${form}" failed` });
      const masked = maskReportText(text);
      expect(masked.length).toBeLessThanOrEqual(text.length);
      expect(JSON.parse(masked)).toEqual({ text: `job "deploy ${maskKey(key)}" failed` });
    }
  });
});
