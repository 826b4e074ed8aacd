import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree, runRootguard } from './harness.js';

describe('what the CLI passes to the detector', () => {
  it('--api-key-prefix (repeatable) turns on customer API keys with those prefixes only', async () => {
    const gen = new KeyGenerator(81);
    const [acme, beta, other] = [gen.apiKey('acme'), gen.apiKey('beta'), gen.apiKey('other')];
    const root = makeTree({ 'keys.txt': `a=${acme}\nb=${beta}\nc=${other}\n` });
    const off = await runRootguard(['scan'], { cwd: root });
    expect(off).toMatchObject({ code: 0, stdout: '' });
    const on = await runRootguard(['scan', '--api-key-prefix', 'acme', '--api-key-prefix=beta'], {
      cwd: root,
    });
    expect(on.code).toBe(1);
    expect(on.stdout).toBe(
      [
        `keys.txt:1:3  unkey-api-key  ${maskKey(acme)}  ${fingerprintKey(acme)}`,
        `keys.txt:2:3  unkey-api-key  ${maskKey(beta)}  ${fingerprintKey(beta)}`,
        '',
      ].join('\n'),
    );
  });

  it('a bad --api-key-prefix exits 2 with one line naming it', async () => {
    const run = await runRootguard(['scan', '--api-key-prefix', 'no-dashes!'], {
      cwd: makeTree({ 'a.txt': 'a\n' }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^rootguard: error: --api-key-prefix: .*"no-dashes!".*\n$/);
  });

  it('finds v1 root keys and keys hidden in base64, and shows the decoding in the text report', async () => {
    const gen = new KeyGenerator(82);
    const [v1, hidden] = [gen.rootKeyV1(), gen.rootKey()];
    const encoded = Buffer.from(`token=${hidden}`).toString('base64');
    const root = makeTree({ 'a.yaml': `v1: ${v1}\nblob: ${encoded}\n` });
    const run = await runRootguard(['scan'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        `a.yaml:1:5  unkey-root-key-v1  ${maskKey(v1)}  ${fingerprintKey(v1)}`,
        `a.yaml:2:7  unkey-root-key  ${maskKey(hidden)}  ${fingerprintKey(hidden)}  decoded=base64`,
        '',
      ].join('\n'),
    );
  });

  it('honours rootguard:allow on the line of a key', async () => {
    const gen = new KeyGenerator(83);
    const root = makeTree({
      'a.ts': `const demo = '${gen.rootKey()}'; // rootguard:allow\nconst real = '${gen.rootKey()}';\n`,
    });
    const run = await runRootguard(['scan', '--format', 'json'], { cwd: root });
    expect((JSON.parse(run.stdout) as { findings: { line: number }[] }).findings.map((f) => f.line)).toEqual([
      2,
    ]);
  });
});
