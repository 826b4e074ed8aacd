import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree } from './harness.js';

const BIN = fileURLToPath(new URL('../../bin/rootguard.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

function rootguard(args: string[], cwd: string, input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', timeout: 20_000 });
}

describe('node bin/rootguard.js (the built CLI, as installed)', () => {
  beforeAll(() => {
    if (!existsSync(BUILT)) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  });

  it('exits 1 and prints the masked key when a file holds a key', () => {
    const key = new KeyGenerator(91).rootKey();
    const result = rootguard(['scan'], makeTree({ 'app/.env': `UNKEY_ROOT_KEY=${key}\n` }));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`app/.env:1:16  unkey-root-key  ${maskKey(key)}`);
    expect(result.stdout + result.stderr).not.toContain(key);
    expect(result.stderr).toMatch(/^rootguard: 1 finding in 1 file/);
  });

  it('exits 0 on a clean tree', () => {
    const result = rootguard(['scan', '.'], makeTree({ 'a.txt': 'nothing here\n' }));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('reads standard input with -, and exits 2 on a bad option', () => {
    const key = new KeyGenerator(92).rootKey();
    const cwd = makeTree();
    expect(rootguard(['scan', '-'], cwd, `log: ${key}\n`).status).toBe(1);
    const bad = rootguard(['scan', '--format', 'yaml'], cwd);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
