import { describe, expect, it } from 'vitest';
import { WHOLE_FILE_MAX_BYTES } from '../../../src/sources/files/file-scanner.js';
import { KeyGenerator } from '../../support/keygen.js';
import { makeTree, runRootguard } from '../../cli/harness.js';

interface Report {
  findings: { path: string; line: number; column: number }[];
  stats: Record<string, number>;
}

async function scanJson(root: string): Promise<Report> {
  const run = await runRootguard(['scan', '--format', 'json'], { cwd: root });
  return JSON.parse(run.stdout) as Report;
}

/** `bytes` bytes of text ending with `KEY=<key>\n`: the key sits at the very end of the file. */
function endingWith(key: string, bytes: number): string {
  const last = `KEY=${key}\n`;
  return `${'y'.repeat(bytes - last.length - 1)}\n${last}`;
}

// The scanner reads a file into its reused buffer before it knows the size, and asks for the size
// only when the buffer fills: these sizes sit at the buffer's edges, in walk (name) order.
describe('file sizes around the read buffer', () => {
  it('finds the key at the end of files just under, at and over the buffer size, and after a large file', async () => {
    const gen = new KeyGenerator(44);
    const initial = 64 * 1024;
    const files: Record<string, string> = {};
    const sizes = [initial - 1, initial, initial + 1, 5 * 1024 * 1024, 100, WHOLE_FILE_MAX_BYTES + 1, 3];
    sizes.forEach((size, index) => {
      files[`f${index}.txt`] = size < 64 ? `K=${gen.rootKey()}\n` : endingWith(gen.rootKey(), size);
    });
    const report = await scanJson(makeTree(files));
    expect(report.findings.map((f) => [f.path, f.line])).toEqual(
      sizes.map((size, index) => [`f${index}.txt`, size < 64 ? 1 : 2]),
    );
    expect(report.stats.bytes).toBe(Object.values(files).reduce((sum, text) => sum + text.length, 0));
  });
});
