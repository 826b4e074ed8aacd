import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// This repository holds no key-shaped literal (tests generate keys at run time), so rootguard's
// own scan of it must come back clean: the promise the README makes, checked on every run.
const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/rootguard.js', import.meta.url));

function scanRepository(args: string[]) {
  return spawnSync(process.execPath, [BIN, 'scan', ...args, '--format', 'json'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('rootguard on its own repository', () => {
  it('finds nothing in the working tree', () => {
    const run = scanRepository(['.']);
    expect(run.stderr).toMatch(/0 findings/);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(JSON.parse(run.stdout).stats.files).toBeGreaterThan(50);
    expect(run.status).toBe(0);
  });

  it('finds nothing in the git history', () => {
    const run = scanRepository(['--git']);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.status).toBe(0);
  });
});
