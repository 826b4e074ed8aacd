import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree, runRootguard } from './harness.js';

describe('rootguard scan PATH', () => {
  it('finds a key in a nested file and reports path, line, column, masked and fingerprint', async () => {
    const key = new KeyGenerator(1).rootKey();
    const line = `export const k = '${key}';`;
    const root = makeTree({ 'src/config.ts': `// config\n${line}\n`, README: 'nothing\n' });
    const run = await runRootguard(['scan'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `src/config.ts:2:${line.indexOf(key) + 1}  unkey-root-key  ${maskKey(key)}  ${fingerprintKey(key)}\n`,
    );
    expect(run.stderr).toMatch(/^rootguard: 1 finding in 2 files, /);
  });

  it('exits 0 with an empty report when nothing is found', async () => {
    const root = makeTree({ 'a.txt': 'hello\n' });
    const run = await runRootguard(['scan', '.'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toMatch(/^rootguard: 0 findings in 1 file, /);
  });

  it('scans only the paths given, relative to the working directory', async () => {
    const gen = new KeyGenerator(2);
    const root = makeTree({ 'a/x.env': `K=${gen.rootKey()}\n`, 'b/y.env': `K=${gen.rootKey()}\n` });
    const run = await runRootguard(['scan', 'b', join(root, 'b', 'y.env')], { cwd: root });
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^b\/y\.env:1:3 /)]);
  });

  it('skips .git and node_modules', async () => {
    const gen = new KeyGenerator(3);
    const root = makeTree({
      '.git/config': `${gen.rootKey()}\n`,
      'node_modules/pkg/index.js': `${gen.rootKey()}\n`,
      'app/node_modules/x.js': `${gen.rootKey()}\n`,
      'ok.txt': 'fine\n',
    });
    const run = await runRootguard(['scan'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });

  it('does not follow symbolic links, and says how many it met', async () => {
    const key = new KeyGenerator(4).rootKey();
    const outside = makeTree({ 'secret.env': `K=${key}\n` });
    const root = makeTree({ 'ok.txt': 'fine\n' });
    symlinkSync(join(outside, 'secret.env'), join(root, 'link.env'));
    symlinkSync(outside, join(root, 'linked-dir'));
    const run = await runRootguard(['scan'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain('2 symlinks not followed');
  });

  it('exits 2 with one line naming an unreadable path', async () => {
    const root = makeTree({});
    const run = await runRootguard(['scan', 'missing.txt'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `rootguard: error: cannot read ${join(root, 'missing.txt')}: no such file or directory\n`,
    );
  });
});
