import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { applySuppressions } from '../../../src/config/suppress/apply-suppressions.js';
import { readBaseline } from '../../../src/config/suppress/baseline.js';
import { parseRootguardIgnore, readRootguardIgnore } from '../../../src/config/suppress/rootguard-ignore.js';
import { KeyGenerator } from '../../support/keygen.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rootguard-suppress-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('suppression files', () => {
  it('a baseline that cannot be read or is malformed is a ConfigError naming --baseline', () => {
    const dir = tempDir();
    expect(() => readBaseline(join(dir, 'nope.json'))).toThrow(
      expect.objectContaining({ name: 'ConfigError', code: 'config-unreadable', field: '--baseline' }),
    );
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => readBaseline(join(dir, 'bad.json'))).toThrow(
      expect.objectContaining({
        code: 'config-invalid',
        field: '--baseline',
        message: expect.stringMatching(/not JSON$/),
      }),
    );
  });

  // picomatch refuses a glob longer than 64 KiB.
  it('a bad glob or an unreadable .rootguardignore is a ConfigError naming the file', () => {
    expect(() => parseRootguardIgnore(`ok/\n${'a'.repeat(70_000)}\n`)).toThrow(
      expect.objectContaining({
        code: 'config-invalid',
        field: '.rootguardignore',
        message: expect.stringMatching(/^\.rootguardignore line 2: bad glob: /),
      }),
    );
    // A scan root that is a file: reading ROOT/.rootguardignore fails with ENOTDIR, not ENOENT.
    const root = join(tempDir(), 'a-file');
    writeFileSync(root, '');
    expect(() => readRootguardIgnore(root)).toThrow(
      expect.objectContaining({ code: 'config-unreadable', field: '.rootguardignore' }),
    );
  });

  it('applies to any finding with a fingerprint and a path, counting what it drops', () => {
    const gen = new KeyGenerator(91);
    const [listed, old, kept] = [gen.rootKey(), gen.rootKey(), gen.rootKey()].map((key) =>
      fingerprintKey(key),
    );
    const findings = [
      { fingerprint: listed!, path: 'a.txt', extra: 1 },
      { fingerprint: kept!, path: 'fixtures/x.txt', extra: 2 },
      { fingerprint: old!, path: 'b.txt', extra: 3 },
      { fingerprint: kept!, path: 'c.txt', extra: 4 },
    ];
    const ignore = parseRootguardIgnore(`${listed}\nfixtures/\n`);
    const result = applySuppressions(findings, ignore, new Set([old!]));
    expect(result.reported.map((f) => f.extra)).toEqual([4]);
    expect(result.current.map((f) => f.extra)).toEqual([3, 4]);
    expect(result.suppressed).toBe(3);
  });
});
