import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { createDetectorEngine } from '../../src/sources/create-detector-engine.js';
import { scanLocal, type ScanLocalOptions } from '../../src/sources/scan-local.js';
import { KeyGenerator } from '../support/keygen.js';
import { TestRepo } from '../cli/git-repo.js';
import { makeTree } from '../cli/harness.js';

function options(cwd: string, more: Partial<ScanLocalOptions> = {}): ScanLocalOptions {
  return {
    engine: createDetectorEngine({ apiKeyPrefixes: [] }),
    cwd,
    env: process.env,
    stdin: (async function* () {})(),
    paths: [],
    ...more,
  };
}

describe('scanLocal', () => {
  it('scans the files under the root, then drops what .rootguardignore and the baseline hold', async () => {
    const gen = new KeyGenerator(93);
    const [ignored, known, fresh] = [gen.rootKey(), gen.rootKey(), gen.rootKey()];
    const root = makeTree({
      '.rootguardignore': 'fixtures/\n',
      'fixtures/a.txt': `${ignored}\n`,
      'old.env': `K=${known}\n`,
      'new.env': `K=${fresh}\n`,
    });
    const result = await scanLocal(options(root, { baseline: new Set([fingerprintKey(known!)]) }));
    expect(result.findings.map((f) => f.path)).toEqual(['new.env']);
    // What a new baseline records: the baseline's findings stay in it.
    expect(result.current.map((f) => f.path)).toEqual(['new.env', 'old.env']);
    expect(result.stats).toMatchObject({ files: 4, suppressed: 2, ms: 0 });
  });

  it('reports a path that cannot be read as a SourceError', async () => {
    const root = makeTree({});
    await expect(scanLocal(options(root, { paths: ['missing.txt'] }))).rejects.toMatchObject({
      name: 'SourceError',
      code: 'unreadable-path',
      message: `cannot read ${join(root, 'missing.txt')}: no such file or directory`,
    });
  });

  it('reports history outside a repository, or in a range git does not know, as SourceErrors', async () => {
    const outside = makeTree({});
    await expect(scanLocal(options(outside, { history: {} }))).rejects.toMatchObject({
      name: 'SourceError',
      code: 'not-a-git-repo',
    });
    const repo = new TestRepo();
    repo.commit('empty', { name: 'Ada', email: 'ada@example.com', date: '2024-01-02T03:04:05+01:00' });
    await expect(
      scanLocal(options(repo.root, { env: repo.env, history: { range: 'no-such-branch..HEAD' } })),
    ).rejects.toMatchObject({ name: 'SourceError', code: 'bad-range' });
  });
});
