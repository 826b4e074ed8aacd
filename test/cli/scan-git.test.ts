import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { KeyGenerator } from '../support/keygen.js';
import { TestRepo, type Author } from './git-repo.js';
import { makeTree, runRootguard } from './harness.js';

const ADA: Author = { name: 'Ada Lovelace', email: 'ada@example.com', date: '2024-01-02T03:04:05+01:00' };
const BOB: Author = { name: 'Bob Byte', email: 'bob@example.com', date: '2024-02-03T04:05:06-05:00' };

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  fingerprint: string;
  masked: string;
  commit: string;
  author: string;
  date: string;
}

async function scanJson(repo: TestRepo, ...args: string[]) {
  const run = await runRootguard(['scan', '--format', 'json', ...args], { cwd: repo.root, env: repo.env });
  return {
    ...run,
    report:
      run.code < 2
        ? (JSON.parse(run.stdout) as { findings: JsonFinding[]; stats: Record<string, number> })
        : undefined,
  };
}

describe('rootguard scan --git', () => {
  it('reports each added key with its commit, author, date, path and line in that commit', async () => {
    const gen = new KeyGenerator(11);
    const [first, second, third] = [gen.rootKey(), gen.rootKey(), gen.rootKey()];
    const repo = new TestRepo();
    repo.write({ 'app/.env': `A=1\nKEY=${first}\n`, 'notes.md': 'hello\n' });
    const c1 = repo.commit('first', ADA);
    // Edits in two places: the added lines' numbers come from the hunk headers of the new file.
    repo.write({ 'app/.env': `TOP=${second}\nA=1\nKEY=${first}\nB=2\nC=3\nD=4\nE=5\n  x ${third}\n` });
    const c2 = repo.commit('second', BOB);
    const { code, report } = await scanJson(repo, '--git');
    expect(code).toBe(1);
    const found = report?.findings.map((f) => [
      f.commit,
      f.author,
      f.date,
      f.path,
      f.line,
      f.column,
      f.masked,
    ]);
    expect(found).toEqual([
      [c2, 'Bob Byte <bob@example.com>', BOB.date, 'app/.env', 1, 5, maskKey(second!)],
      [c2, 'Bob Byte <bob@example.com>', BOB.date, 'app/.env', 8, 5, maskKey(third!)],
      [c1, 'Ada Lovelace <ada@example.com>', ADA.date, 'app/.env', 2, 5, maskKey(first!)],
    ]);
    expect(report?.findings[2]?.fingerprint).toBe(fingerprintKey(first!));
    expect(report?.stats).toMatchObject({ commits: 2, files: 3, skipped: 0 });
  });

  it("reads the same history whatever the user's git config says about log output", async () => {
    const gen = new KeyGenerator(16);
    const [first, second] = [gen.rootKey(), gen.rootKey()];
    const repo = new TestRepo();
    repo.write({ 'a.txt': `${first}\n` });
    repo.commit('root', ADA);
    repo.write({ 'a.txt': `${first}\nx\ny\n${second}\n` });
    repo.commit('more', BOB);
    for (const [key, value] of [
      ['log.showRoot', 'false'],
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['diff.interHunkContext', '5'],
      ['diff.context', '7'],
      ['color.ui', 'always'],
      ['core.quotePath', 'true'],
      ['log.showSignature', 'true'],
    ]) {
      repo.git('config', key!, value!);
    }
    const { report } = await scanJson(repo, '--git');
    expect(report?.findings.map((f) => [f.path, f.line, f.masked])).toEqual([
      ['a.txt', 4, maskKey(second!)],
      ['a.txt', 1, maskKey(first!)],
    ]);
  });

  it('scans only the range given, and only the paths given after --', async () => {
    const gen = new KeyGenerator(12);
    const repo = new TestRepo();
    repo.write({ 'old.txt': `${gen.rootKey()}\n` });
    const base = repo.commit('old', ADA);
    repo.write({ 'a/new.txt': `${gen.rootKey()}\n`, 'b/new.txt': `${gen.rootKey()}\n` });
    repo.commit('new', BOB);
    const inRange = await scanJson(repo, `--git=${base}..HEAD`);
    expect(inRange.report?.findings.map((f) => f.path)).toEqual(['a/new.txt', 'b/new.txt']);
    const inPath = await scanJson(repo, '--git', '--', 'b');
    expect(inPath.report?.findings.map((f) => f.path)).toEqual(['b/new.txt']);
    const clean = await scanJson(repo, '--git', `${base}..${base}`);
    expect(clean).toMatchObject({ code: 0, report: { findings: [] } });
  });

  it('does not report a key again for a commit that only deletes or keeps it', async () => {
    const key = new KeyGenerator(13).rootKey();
    const repo = new TestRepo();
    repo.write({ 'k.txt': `one\n${key}\n` });
    repo.commit('add', ADA);
    repo.write({ 'k.txt': `zero\none\n${key}\n` });
    repo.commit('prepend', BOB);
    repo.git('mv', 'k.txt', 'moved.txt');
    repo.commit('rename', BOB);
    repo.write({ 'moved.txt': 'gone\n' });
    repo.commit('remove', BOB);
    const { report } = await scanJson(repo, '--git');
    expect(report?.findings.map((f) => [f.path, f.line, f.author])).toEqual([
      ['k.txt', 2, 'Ada Lovelace <ada@example.com>'],
    ]);
    expect(report?.stats.commits).toBe(4);
  });

  it('places findings where a file scan of the same commit places them', async () => {
    const gen = new KeyGenerator(17);
    const files: Record<string, string> = {};
    for (let f = 0; f < 6; f++) {
      const parts: string[] = [];
      for (let i = gen.int(1, 12); i > 0; i--) {
        const key = gen.pick([() => gen.rootKey(), () => gen.rootKeyV1(), () => gen.apiKey('acme')])();
        const encoded = gen.pick([
          (k: string) => k,
          (k: string) => Buffer.from(`t=${k}`).toString('base64'),
          JSON.stringify,
        ]);
        parts.push(
          gen.base58(gen.int(0, 30)),
          ' ',
          encoded(key),
          gen.pick(['\n', '\r\n', '\n\n', ' ', '\tx\n']),
        );
      }
      files[`dir${f % 2}/file${f}.txt`] = parts.join('');
    }
    const repo = new TestRepo();
    repo.write(files);
    repo.commit('all', ADA);
    const where = (findings: JsonFinding[]) =>
      findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.fingerprint}`).sort();
    const fromGit = await scanJson(repo, '--git', '--api-key-prefix', 'acme');
    const fromFiles = await scanJson(repo, '--api-key-prefix', 'acme');
    expect(fromGit.report?.findings.length).toBeGreaterThan(10);
    expect(where(fromGit.report!.findings)).toEqual(where(fromFiles.report!.findings));
  });

  it('skips binary diffs and counts them', async () => {
    const key = new KeyGenerator(14).rootKey();
    const repo = new TestRepo();
    repo.write({
      'blob.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`${key}\n`)]),
      'a.txt': 'a\n',
    });
    repo.commit('binary', ADA);
    const { code, report, stderr } = await scanJson(repo, '--git');
    expect(code).toBe(0);
    expect(report?.stats).toMatchObject({ skipped: 1, files: 1 });
    expect(stderr).toContain('skipped 1 binary');
  });

  it('maps lines through CRLF and lone-CR line breaks, and finds keys in quoted paths', async () => {
    const gen = new KeyGenerator(15);
    const [crlf, loneCr, quoted] = [gen.rootKey(), gen.rootKey(), gen.rootKey()];
    const repo = new TestRepo();
    repo.write({
      'win.txt': `a\r\nb\r\nk=${crlf}\r\n`,
      'mac.txt': `x\ry\rz\nk=${loneCr}\n`,
      'sp ace "q" é.txt': `\n${quoted}\n`,
    });
    repo.commit('line ends', ADA);
    const { report } = await scanJson(repo, '--git');
    const byPath = Object.fromEntries(report?.findings.map((f) => [f.path, [f.line, f.column]]) ?? []);
    expect(byPath).toEqual({ 'win.txt': [3, 3], 'mac.txt': [2, 3], 'sp ace "q" é.txt': [2, 1] });
  });

  it('exits 2 with one line on a bad range', async () => {
    const repo = new TestRepo();
    repo.write({ 'a.txt': 'a\n' });
    repo.commit('a', ADA);
    const run = await runRootguard(['scan', '--git', 'no-such-branch..HEAD'], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^rootguard: error: bad git range 'no-such-branch\.\.HEAD': .+\n$/);
    const option = await runRootguard(['scan', '--git=--output=x'], { cwd: repo.root, env: repo.env });
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^rootguard: error: bad git range '--output=x': .+\n$/);
  });

  it('reports a repository without commits as clean', async () => {
    const repo = new TestRepo();
    const { code, report } = await scanJson(repo, '--git');
    expect(code).toBe(0);
    expect(report?.stats).toMatchObject({ commits: 0, files: 0 });
  });

  it('exits 2 with one line outside a git repository', async () => {
    const dir = makeTree({ 'a.txt': 'a\n' });
    const run = await runRootguard(['scan', '--git'], {
      cwd: dir,
      env: { ...process.env, GIT_CEILING_DIRECTORIES: dir },
    });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `rootguard: error: not a git repository: ${dir}\n` });
  });
});
