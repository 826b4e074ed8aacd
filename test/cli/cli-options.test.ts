import { describe, expect, it } from 'vitest';
import { readVersion } from '../../src/cli/read-version.js';
import { makeTree, runRootguard } from './harness.js';

describe('rootguard options and exit status', () => {
  it('--help lists the commands with examples and exits 0', async () => {
    const run = await runRootguard(['--help'], { cwd: makeTree() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('scan [options] [paths...]');
    expect(run.stdout).toContain('Examples:');
  });

  it('scan --help shows every option and examples, and exits 0', async () => {
    const run = await runRootguard(['scan', '--help'], { cwd: makeTree() });
    expect(run.code).toBe(0);
    for (const option of [
      '--format <format>',
      '--git [range]',
      '--api-key-prefix <prefix>',
      '--baseline <file>',
      '--write-baseline <file>',
    ]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('rootguard scan --git origin/main..HEAD');
    expect(run.stdout).toContain('symbolic links');
  });

  it('--version prints the package version', async () => {
    const run = await runRootguard(['--version'], { cwd: makeTree() });
    expect(run).toEqual({ code: 0, stdout: `${readVersion()}\n`, stderr: '' });
  });

  it.each([
    [
      ['scan', '--format', 'xml'],
      /^rootguard: error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json, sarif\.\n$/,
    ],
    [['scan', '--bogus'], /^rootguard: error: unknown option '--bogus'\n$/],
    [['scan', '--baseline'], /^rootguard: error: option '--baseline <file>' argument missing\n$/],
    [['launch'], /^rootguard: error: unknown command 'launch'\n$/],
    [
      ['scan', '--git', '--', '-'],
      /^rootguard: error: '-' \(standard input\) cannot be combined with --git\n$/,
    ],
  ])('%j exits 2 with one line', async (argv, message) => {
    const run = await runRootguard(argv, { cwd: makeTree() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('without a command prints the help to stderr and exits 2', async () => {
    const run = await runRootguard([], { cwd: makeTree() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: rootguard');
  });
});
