import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { DEFAULT_REPO_CONFIG, MAX_IGNORE_GLOBS, parseRepoConfig } from '../../src/config/repo-config.js';
import { KeyGenerator } from '../support/keygen.js';

const KEY = new KeyGenerator(801).rootKey();
const FP = fingerprintKey(KEY);

describe('parseRepoConfig', () => {
  it('gives the defaults for an absent or empty file', () => {
    for (const raw of [undefined, null, {}]) {
      const { config, problems } = parseRepoConfig(raw);
      expect(problems).toEqual([]);
      expect(config).toEqual({
        paths: { ignore: [] },
        allow: [],
        logs: { scan: true, archive: false },
        apiKeyPrefixes: [],
      });
    }
  });

  it('reads every setting', () => {
    const { config, problems } = parseRepoConfig({
      paths: { ignore: ['docs/**', '**/*.snap', 'fixtures/'] },
      allow: [FP],
      logs: { scan: false, archive: true },
      apiKeyPrefixes: ['acme_live', 'ak'],
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      paths: { ignore: ['docs/**', '**/*.snap', 'fixtures/'] },
      allow: [FP],
      logs: { scan: false, archive: true },
      apiKeyPrefixes: ['acme_live', 'ak'],
    });
    expect(parseRepoConfig({ logs: { archive: true } }).config.logs).toEqual({ scan: true, archive: true });
  });

  it('falls back to the defaults, with one problem per fault naming the field and the fix', () => {
    const { config, problems } = parseRepoConfig({
      paths: { ignore: ['ok/**', '{a,b', '/abs/**', '!keep.txt', 7] },
      allow: ['not-a-fingerprint', FP],
      logs: { scan: 'yes' },
      apiKeyPrefixes: ['way_too_long_prefix_x', 'a-b'],
    });
    expect(config).toBe(DEFAULT_REPO_CONFIG);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'paths.ignore[1]',
        'paths.ignore[2]',
        'paths.ignore[3]',
        'paths.ignore[4]',
        'allow[0]',
        'logs.scan',
        'apiKeyPrefixes[0]',
        'apiKeyPrefixes[1]',
      ].sort(),
    );
    expect(byPath['paths.ignore[1]']).toMatch(/^paths\.ignore\[1\] must be a glob .*Missing closing/);
    expect(byPath['paths.ignore[2]']).toContain('without the leading slash');
    expect(byPath['paths.ignore[3]']).toContain('negated');
    expect(byPath['allow[0]']).toContain('44 characters');
    expect(byPath['logs.scan']).toMatch(/^logs\.scan must be true or false/);
    expect(byPath['apiKeyPrefixes[0]']).toContain('1 to 16');
    for (const message of Object.values(byPath)) expect(message).toMatch(/\.$/);
  });

  it('never echoes an allow entry (someone may paste the key itself)', () => {
    const { problems } = parseRepoConfig({ allow: [KEY] });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).not.toContain(KEY.slice(8));
    expect(problems[0]?.message).toContain('never the key itself');
  });

  it('refuses operator settings, saying they are operator configuration', () => {
    const { config, problems } = parseRepoConfig({
      notify: { slack: '#x' },
      rootKeys: [],
      unkey: {},
      policy: 'auto',
    });
    expect(config).toBe(DEFAULT_REPO_CONFIG);
    expect(problems.map((p) => p.path).sort()).toEqual(['notify', 'policy', 'rootKeys', 'unkey']);
    expect(problems[0]?.message).toMatch(
      /^notify is operator configuration .* a repository cannot set; remove it/,
    );
  });

  it('refuses unknown keys at every level', () => {
    const { problems } = parseRepoConfig({
      path: { ignore: [] },
      logs: { scan: true, zip: true },
      paths: { include: [] },
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['logs.zip', 'path', 'paths.include']);
    expect(problems.find((p) => p.path === 'path')?.message).toContain(
      'not a setting of .github/rootguard.yml',
    );
  });

  it('refuses a file that is not a mapping, and wrong shapes', () => {
    expect(parseRepoConfig(['a']).problems[0]?.path).toBe('(file)');
    expect(parseRepoConfig(42).problems[0]?.message).toContain('YAML mapping');
    expect(parseRepoConfig({ paths: ['docs/**'] }).problems[0]?.path).toBe('paths');
    expect(parseRepoConfig({ allow: FP }).problems[0]?.message).toMatch(/^allow must be a list/);
    const many = Array.from({ length: MAX_IGNORE_GLOBS + 1 }, (_, i) => `d${i}/**`);
    expect(parseRepoConfig({ paths: { ignore: many } }).problems[0]?.message).toContain(
      `at most ${MAX_IGNORE_GLOBS}`,
    );
  });
});
