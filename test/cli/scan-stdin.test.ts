import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree, runRootguard } from './harness.js';

describe('rootguard scan -', () => {
  it('scans standard input as it arrives, a key split across chunks included', async () => {
    const gen = new KeyGenerator(51);
    const [first, second] = [gen.rootKey(), gen.rootKey()];
    const text = `log line\nstarting with ${first}\n\n  then ${second}\n`;
    const cut = text.indexOf(second) + 10;
    const chunks = [Buffer.from(text.slice(0, cut)), text.slice(cut)];
    const run = await runRootguard(['scan', '-', '--format', 'json'], { cwd: makeTree(), stdin: chunks });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      findings: { path: string; line: number; column: number; fingerprint: string }[];
      stats: object;
    };
    expect(report.findings).toEqual([
      expect.objectContaining({ path: '-', line: 2, column: 15, fingerprint: fingerprintKey(first!) }),
      expect.objectContaining({ path: '-', line: 4, column: 8, fingerprint: fingerprintKey(second!) }),
    ]);
    expect(report.stats).toMatchObject({ files: 1, bytes: Buffer.byteLength(text) });
  });

  it('scans standard input next to files', async () => {
    const gen = new KeyGenerator(52);
    const root = makeTree({ 'a.txt': `${gen.rootKey()}\n` });
    const run = await runRootguard(['scan', 'a.txt', '-'], { cwd: root, stdin: [`${gen.rootKey()}\n`] });
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    ).toEqual(['a.txt', '-']);
  });
});
