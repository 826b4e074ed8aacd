import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_FORMS } from '../../bench/scan/corpus/key-forms.js';
import type { KeyEntry } from '../../bench/scan/corpus/manifest.js';
import { NEAR_MISSES } from '../../bench/scan/corpus/near-misses.js';
import { hasPlainRootKey } from '../../bench/scan/corpus/root-key-pattern.js';
import { CORPUS_DIR, generateCorpus } from '../../bench/scan/generate-corpus.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { decodeChain } from './decode-chain.js';
import { rootKeysIn } from './root-keys-in.js';

const SIZE_MB = 1;
const temp = mkdtempSync(join(tmpdir(), 'rootguard-corpus-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const manifest = generateCorpus({ outDir: join(temp, 'a'), sizeMb: SIZE_MB, seed: 7 });
const root = join(temp, 'a', CORPUS_DIR);
const fileLines = new Map<string, string[]>();
function lineAt(path: string, line: number): string {
  let lines = fileLines.get(path);
  if (!lines) fileLines.set(path, (lines = readFileSync(join(root, path), 'utf8').split(/\r\n|\n|\r/)));
  return lines[line - 1] ?? '';
}
/** The text at the entry's column, `length` code points long. */
const spanAt = (e: { path: string; line: number; column: number; length: number }) =>
  [...lineAt(e.path, e.line)].slice(e.column - 1, e.column - 1 + e.length).join('');

function digestTree(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).sort((a, b) =>
    join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)),
  )) {
    if (entry.isFile())
      hash
        .update(join(entry.parentPath, entry.name).slice(dir.length))
        .update(readFileSync(join(entry.parentPath, entry.name)));
  }
  return hash.digest('hex');
}

describe('generateCorpus', () => {
  it('is deterministic per seed, and differs across seeds', () => {
    const again = generateCorpus({ outDir: join(temp, 'b'), sizeMb: SIZE_MB, seed: 7 });
    const other = generateCorpus({ outDir: join(temp, 'c'), sizeMb: SIZE_MB, seed: 8 });
    expect(again).toEqual(manifest);
    expect(digestTree(join(temp, 'b', CORPUS_DIR))).toBe(digestTree(root));
    expect(digestTree(join(temp, 'c', CORPUS_DIR))).not.toBe(digestTree(root));
    expect(other.keys.map((k) => k.fingerprint)).not.toEqual(manifest.keys.map((k) => k.fingerprint));
  });

  it('writes about the requested size in several kinds of file, some with CRLF', () => {
    expect(manifest.bytes).toBeGreaterThan(0.8 * SIZE_MB * 2 ** 20);
    expect(manifest.bytes).toBeLessThan(2 * SIZE_MB * 2 ** 20);
    const paths = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(paths.length).toBe(manifest.files);
    for (const ext of ['.ts', '.js', '.py', '.go', '.yaml', '.json', '.md', '.log', '.txt']) {
      expect(paths.some((e) => e.name.endsWith(ext))).toBe(true);
    }
    expect(paths.some((e) => e.name.startsWith('.env'))).toBe(true);
    expect(paths.some((e) => e.name.startsWith('Dockerfile'))).toBe(true);
    const crlf = paths.filter((e) => readFileSync(join(e.parentPath, e.name), 'utf8').includes('\r\n'));
    expect(crlf.length).toBeGreaterThan(0);
  });

  it('plants every key form in both formats and every near-miss variant', () => {
    for (const form of KEY_FORMS) {
      for (const format of ['current', 'v1']) {
        expect(
          manifest.keys.some((k) => k.form === form.id && k.format === format),
          `${form.id}/${format}`,
        ).toBe(true);
      }
    }
    for (const { category, variant } of NEAR_MISSES) {
      expect(manifest.nearMisses.some((n) => n.category === category && n.variant === variant)).toBe(true);
    }
  });

  it('points every key entry at text that decodes to the key with that fingerprint', () => {
    for (const entry of manifest.keys) {
      const decoded = decodeChain(spanAt(entry), entry.decodedFrom);
      const found = rootKeysIn(decoded, entry.format).map((key) => fingerprintKey(key));
      expect(found, describeEntry(entry)).toContain(entry.fingerprint);
      expect(entry.plainMatch, describeEntry(entry)).toBe(hasPlainRootKey(lineAt(entry.path, entry.line)));
    }
  });

  it('points every near-miss entry at its text, which no strict check takes for a root key', () => {
    for (const miss of manifest.nearMisses) {
      const where = `${miss.category}/${miss.variant} at ${miss.path}:${miss.line}`;
      const line = lineAt(miss.path, miss.line);
      expect(fingerprintKey(spanAt(miss)), where).toBe(miss.fingerprint);
      const keys = [...rootKeysIn(line, 'current'), ...rootKeysIn(line, 'v1')];
      if (miss.category === 'allow-comment') {
        expect(line, where).toContain('rootguard:allow');
        expect(keys.length, where).toBe(1);
      } else if (miss.category === 'placeholder' || miss.category === 'low-entropy') {
        // Shaped like a key on purpose: what gives it away is a body of very few distinct characters.
        for (const key of keys) expect(new Set(key.slice(8)).size, where).toBeLessThanOrEqual(4);
      } else {
        expect(keys.length, where).toBe(0);
      }
    }
  });
});

function describeEntry(entry: KeyEntry): string {
  return `${entry.form}/${entry.format} at ${entry.path}:${entry.line}:${entry.column}`;
}
