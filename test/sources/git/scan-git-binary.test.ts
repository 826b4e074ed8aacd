import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { KeyGenerator } from '../../support/keygen.js';
import { TestRepo, type Author } from '../../cli/git-repo.js';
import { runRootguard } from '../../cli/harness.js';

const ADA: Author = { name: 'Ada Lovelace', email: 'ada@example.com', date: '2024-01-02T03:04:05+01:00' };

interface Report {
  findings: { path: string; line: number; fingerprint: string }[];
  stats: Record<string, number>;
}

async function scanGit(repo: TestRepo) {
  const run = await runRootguard(['scan', '--git', '--format', 'json'], { cwd: repo.root, env: repo.env });
  return { ...run, report: JSON.parse(run.stdout) as Report };
}

describe('scan --git and .gitattributes', () => {
  it.each(['binary', '-diff'])('scans text files that .gitattributes marks %s', async (attribute) => {
    const key = new KeyGenerator(41).rootKey();
    const repo = new TestRepo();
    repo.write({ '.gitattributes': `*.env ${attribute}\n`, 'config/app.env': `A=1\nB=2\nKEY=${key}\n` });
    repo.commit('attributes', ADA);
    // The premise: git itself would print this diff as "Binary files … differ".
    expect(repo.git('log', '-p', '--format=')).toContain('Binary files');
    const { code, report } = await scanGit(repo);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ path: 'config/app.env', line: 3, fingerprint: fingerprintKey(key) }),
    ]);
    expect(report.stats).toMatchObject({ files: 2, skipped: 0 });
  });

  it('skips and counts a file diff whose added content holds a NUL, even after a key', async () => {
    const gen = new KeyGenerator(42);
    const [before, after, text] = [gen.rootKey(), gen.rootKey(), gen.rootKey()];
    const repo = new TestRepo();
    repo.write({
      '.gitattributes': '*.dat binary\n',
      // A key on a line before the first NUL: the whole diff is binary, so it is not reported.
      'blob.dat': Buffer.concat([
        Buffer.from(`K=${before}\nhead\n`),
        Buffer.from([0, 1, 2]),
        Buffer.from(`${after}\n`),
      ]),
      'notes.txt': `K=${text}\n`,
    });
    repo.commit('binary and text', ADA);
    const { code, report, stderr } = await scanGit(repo);
    expect(code).toBe(1);
    expect(report.findings.map((finding) => [finding.path, finding.fingerprint])).toEqual([
      ['notes.txt', fingerprintKey(text)],
    ]);
    expect(report.stats).toMatchObject({ files: 2, skipped: 1 });
    expect(report.stats.bytes).toBe('*.dat binary\n'.length + `K=${text}\n`.length);
    expect(stderr).toContain('skipped 1 binary');
  });
});
