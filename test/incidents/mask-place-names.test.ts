import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { hasKeyMaterial } from '../../src/incidents/has-key-material.js';
import { maskPlaceNames, WITHHELD_NAME } from '../../src/incidents/mask-place-names.js';
import { KeyGenerator } from '../support/keygen.js';

describe('maskPlaceNames', () => {
  const gen = new KeyGenerator(5951);

  it('masks a plain key in a path and lists the name', () => {
    const key = gen.rootKey();
    const location = {
      kind: 'commit',
      repo: 'acme/api',
      commit: 'a'.repeat(40),
      path: `keys/${key}.env`,
      line: 1,
      column: 1,
    } as const;
    const masked = maskPlaceNames(location);
    expect(masked).toEqual({ ...location, path: `keys/${maskKey(key)}.env`, maskedNames: ['path'] });
    expect(hasKeyMaterial(masked)).toBe(false);
  });

  it('withholds a name that still holds an encoded key, and leaves the other names alone', () => {
    const key = gen.rootKey();
    const location = {
      kind: 'job-log',
      repo: 'acme/api',
      runId: 1,
      jobId: 2,
      jobName: 'deploy',
      step: `echo ${Buffer.from(`KEY=${key}`).toString('base64')}`,
      line: 3,
    } as const;
    const masked = maskPlaceNames(location);
    expect(masked).toEqual({ ...location, step: WITHHELD_NAME, maskedNames: ['step'] });
    expect(hasKeyMaterial(masked)).toBe(false);
  });

  it('returns a location without keys unchanged', () => {
    const location = { kind: 'secret-scanning-alert', repo: 'acme/api', alertNumber: 4 } as const;
    expect(maskPlaceNames(location)).toBe(location);
  });
});
