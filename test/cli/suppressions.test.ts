import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree, runRootguard } from './harness.js';

async function paths(cwd: string, ...args: string[]): Promise<string[]> {
  const run = await runRootguard(['scan', '--format', 'json', ...args], { cwd });
  return (JSON.parse(run.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
}

describe('.rootguardignore', () => {
  it('drops findings by fingerprint anywhere and by path glob, and counts them', async () => {
    const gen = new KeyGenerator(61);
    const [known, other, fixture, nested, kept] = [
      gen.rootKey(),
      gen.rootKey(),
      gen.rootKey(),
      gen.rootKey(),
      gen.rootKey(),
    ];
    const root = makeTree({
      '.rootguardignore': [
        '# a revoked key',
        fingerprintKey(known!),
        '',
        'fixtures/',
        '*.snap',
        '/top-only.txt',
      ].join('\n'),
      'a.txt': `${known}\n${other}\n`,
      'b/c.txt': `${known}\n`,
      'fixtures/x.txt': `${fixture}\n`,
      'deep/dir/t.snap': `${nested}\n`,
      'top-only.txt': `${gen.rootKey()}\n`,
      'deep/top-only.txt': `${kept}\n`,
    });
    expect(await paths(root)).toEqual(['a.txt', 'deep/top-only.txt']);
    const run = await runRootguard(['scan'], { cwd: root });
    expect(run.stderr).toContain('5 suppressed');
  });

  it('a repository whose only findings are ignored exits 0', async () => {
    const key = new KeyGenerator(62).rootKey();
    const root = makeTree({ '.rootguardignore': 'docs/**\n', 'docs/leak.md': `${key}\n` });
    expect((await runRootguard(['scan'], { cwd: root })).code).toBe(0);
  });
});

describe('--baseline and --write-baseline', () => {
  it('round-trips: findings recorded in a baseline are not reported again, new ones are', async () => {
    const gen = new KeyGenerator(63);
    const root = makeTree({ 'old.env': `K=${gen.rootKey()}\n` });
    const first = await runRootguard(['scan', '--write-baseline', 'baseline.json'], { cwd: root });
    expect(first.code).toBe(1);
    const baseline = JSON.parse(readFileSync(join(root, 'baseline.json'), 'utf8')) as {
      findings: { path: string }[];
    };
    expect(baseline.findings.map((f) => f.path)).toEqual(['old.env']);

    expect((await runRootguard(['scan', '--baseline', 'baseline.json'], { cwd: root })).code).toBe(0);
    const newKey = gen.rootKey();
    const root2 = makeTree({ 'old.env': readFileSync(join(root, 'old.env')), 'new.env': `K=${newKey}\n` });
    const second = await runRootguard(
      ['scan', '--baseline', join(root, 'baseline.json'), '--format', 'json'],
      { cwd: root2 },
    );
    expect(second.code).toBe(1);
    expect(
      (JSON.parse(second.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path),
    ).toEqual(['new.env']);
  });

  it('accepts a JSON report written by --format json as a baseline', async () => {
    const root = makeTree({ 'a.env': `K=${new KeyGenerator(64).rootKey()}\n` });
    const report = await runRootguard(['scan', '--format', 'json'], { cwd: root });
    const saved = makeTree({ 'report.json': report.stdout });
    expect((await runRootguard(['scan', '--baseline', join(saved, 'report.json')], { cwd: root })).code).toBe(
      0,
    );
  });

  it.each([
    ['not json', 'not JSON'],
    ['[]', 'expected an object with a "findings" array'],
    ['{"findings": [{"path": "x"}]}', 'findings[0] has no "fingerprint" string'],
  ])('a malformed baseline (%s) exits 2 naming the file', async (content, problem) => {
    const root = makeTree({ 'bad.json': content, 'a.txt': 'a\n' });
    const run = await runRootguard(['scan', '--baseline', 'bad.json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `rootguard: error: malformed baseline ${join(root, 'bad.json')}: ${problem}${problem.endsWith('array') ? ' (a rootguard JSON report)' : ''}\n`,
    );
  });

  it('a missing baseline exits 2 naming the file', async () => {
    const root = makeTree({ 'a.txt': 'a\n' });
    const run = await runRootguard(['scan', '--baseline', 'nope.json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `rootguard: error: cannot read baseline ${join(root, 'nope.json')}: no such file or directory\n`,
    );
  });
});
