import { describe, expect, it } from 'vitest';
import { BINARY_SNIFF_BYTES } from '../../src/sources/is-binary.js';
import { STREAM_CHUNK_BYTES, WHOLE_FILE_MAX_BYTES } from '../../src/sources/files/file-scanner.js';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree, runRootguard } from './harness.js';

interface Report {
  findings: { path: string; line: number; column: number }[];
  stats: { files: number; skipped: number; bytes: number };
}

async function scanJson(cwd: string): Promise<Report> {
  return JSON.parse((await runRootguard(['scan', '--format', 'json'], { cwd })).stdout) as Report;
}

describe('binary files', () => {
  it('skips a file with a NUL byte in its first 8 KiB, and counts it', async () => {
    const key = new KeyGenerator(41).rootKey();
    const root = makeTree({
      'image.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(`\n${key}\n`)]),
      'text.txt': 'plain\n',
    });
    const run = await runRootguard(['scan'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toMatch(/in 1 file, .*skipped 1 binary/);
  });

  it('scans a file whose first NUL byte comes after the first 8 KiB, as git does', async () => {
    const key = new KeyGenerator(42).rootKey();
    const text = `${'a'.repeat(BINARY_SNIFF_BYTES)}\n${key}\n`;
    const root = makeTree({ 'late-nul.txt': Buffer.concat([Buffer.from(text), Buffer.from([0])]) });
    const report = await scanJson(root);
    expect(report.findings.map((f) => [f.path, f.line])).toEqual([['late-nul.txt', 2]]);
    expect(report.stats.skipped).toBe(0);
  });
});

describe('large files', () => {
  it('streams a file past the whole-file limit and finds keys anywhere in it, across chunk edges', async () => {
    const gen = new KeyGenerator(43);
    const [early, straddling, last] = [gen.rootKey(), gen.rootKey(), gen.rootKey()];
    const filler = `${'x'.repeat(99)}\n`; // 100 bytes a line
    const lines = Math.ceil((WHOLE_FILE_MAX_BYTES + STREAM_CHUNK_BYTES) / filler.length);
    const parts = [`${early}\n`];
    // The line holding the first chunk edge, and an indent that puts the edge mid-key.
    const edgeLine = Math.floor((STREAM_CHUNK_BYTES - parts[0]!.length) / filler.length);
    const indent = STREAM_CHUNK_BYTES - parts[0]!.length - edgeLine * filler.length - 15;
    for (let i = 0; i < lines; i++)
      parts.push(i === edgeLine ? `${' '.repeat(indent)}${straddling}\n` : filler);
    parts.push(`tail ${last}`);
    const root = makeTree({ 'big.log': parts.join('') });
    const report = await scanJson(root);
    expect(report.stats.bytes).toBeGreaterThan(WHOLE_FILE_MAX_BYTES);
    expect(report.findings.map((f) => [f.line, f.column])).toEqual([
      [1, 1],
      [edgeLine + 2, indent + 1],
      [lines + 2, 6],
    ]);
  });

  it('skips a large binary file', async () => {
    const big = Buffer.alloc(WHOLE_FILE_MAX_BYTES + 1, 0x41);
    big[100] = 0;
    const report = await scanJson(makeTree({ 'big.bin': big }));
    expect(report.stats).toMatchObject({ files: 0, skipped: 1 });
  });
});
