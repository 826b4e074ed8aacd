import { describe, expect, it } from 'vitest';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree, runRootguard } from './harness.js';

async function foundPaths(cwd: string, ...args: string[]): Promise<string[]> {
  const run = await runRootguard(['scan', ...args, '--format', 'json'], { cwd });
  return (JSON.parse(run.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
}

describe('rootguard scan and .gitignore', () => {
  it('honours the root and nested .gitignore files, negations included', async () => {
    const gen = new KeyGenerator(31);
    const root = makeTree({
      '.gitignore': 'dist/\n*.log\n!keep.log\n',
      'dist/out.js': `${gen.rootKey()}\n`,
      'debug.log': `${gen.rootKey()}\n`,
      'keep.log': `${gen.rootKey()}\n`,
      'pkg/.gitignore': 'generated.ts\n',
      'pkg/generated.ts': `${gen.rootKey()}\n`,
      'pkg/source.ts': `${gen.rootKey()}\n`,
      'other/generated.ts': `${gen.rootKey()}\n`,
    });
    expect(await foundPaths(root)).toEqual(['keep.log', 'other/generated.ts', 'pkg/source.ts']);
  });

  it("applies the repository's .gitignore files above a scanned subdirectory", async () => {
    const gen = new KeyGenerator(32);
    const root = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/info/exclude': 'local-*\n',
      '.gitignore': 'secret.env\n',
      'app/secret.env': `${gen.rootKey()}\n`,
      'app/local-notes.txt': `${gen.rootKey()}\n`,
      'app/code.ts': `${gen.rootKey()}\n`,
    });
    expect(await foundPaths(root, 'app')).toEqual(['app/code.ts']);
  });

  it('matches patterns case-sensitively, as git does by default, so that less is skipped', async () => {
    const gen = new KeyGenerator(34);
    const root = makeTree({
      '.gitignore': '*.LOG\n',
      'a.LOG': `${gen.rootKey()}\n`,
      'b.log': `${gen.rootKey()}\n`,
    });
    expect(await foundPaths(root)).toEqual(['b.log']);
  });

  it('scans a file named on the command line even when it is ignored', async () => {
    const root = makeTree({ '.gitignore': '*.env\n', 'x.env': `${new KeyGenerator(33).rootKey()}\n` });
    expect(await foundPaths(root)).toEqual([]);
    expect(await foundPaths(root, 'x.env')).toEqual(['x.env']);
  });

  it('scans a directory named on the command line even when a .gitignore above it ignores it', async () => {
    const gen = new KeyGenerator(35);
    const root = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '.cache/\n',
      '.cache/run/app.env': `${gen.rootKey()}\n`,
      '.cache/run/.gitignore': 'skip.txt\n',
      '.cache/run/skip.txt': `${gen.rootKey()}\n`,
    });
    expect(await foundPaths(root)).toEqual([]);
    expect(await foundPaths(root, '.cache/run')).toEqual(['.cache/run/app.env']);
    expect(await foundPaths(root, '.cache')).toEqual(['.cache/run/app.env']);
  });
});
