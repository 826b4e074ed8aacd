import { describe, expect, it } from 'vitest';
import { createPathFilter } from '../../src/config/create-path-filter.js';
import { DEFAULT_REPO_CONFIG, parseRepoConfig } from '../../src/config/repo-config.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { KeyGenerator } from '../support/keygen.js';

describe('createPathFilter', () => {
  const gen = new KeyGenerator(802);
  const allowed = fingerprintKey(gen.rootKey());
  const other = fingerprintKey(gen.rootKey());
  const { config } = parseRepoConfig({
    paths: { ignore: ['docs/**', '**/*.snap', 'fixtures/', '.github/workflows/*.yml'] },
    allow: [allowed],
  });
  const filter = createPathFilter(config);

  it('ignores paths matching a glob, dotfiles included, a trailing / meaning the whole folder', () => {
    for (const path of [
      'docs/a.md',
      'docs/deep/b.md',
      'src/x/__snapshots__/y.snap',
      'a.snap',
      'fixtures/k.env',
      './docs/c.md',
      '.github/workflows/ci.yml',
    ])
      expect(filter.ignorePath(path), path).toBe(true);
    for (const path of ['src/docs.ts', 'readme.md', 'src/fixtures/k.env', '.github/workflows/sub/ci.yml'])
      expect(filter.ignorePath(path), path).toBe(false);
  });

  it('allows only listed fingerprints', () => {
    expect(filter.allowFingerprint(allowed)).toBe(true);
    expect(filter.allowFingerprint(other)).toBe(false);
  });

  it('with the defaults, ignores and allows nothing', () => {
    const none = createPathFilter(DEFAULT_REPO_CONFIG);
    expect(none.ignorePath('docs/a.md')).toBe(false);
    expect(none.allowFingerprint(allowed)).toBe(false);
  });
});
