// In-memory comparisons of the detector's paths on corpus files, to locate slow paths:
// StreamScanner (1 MiB chunks, as the CLI streams files over 8 MiB) against scanBytes on the same
// bytes, and scanBytes on CRLF files that hold a finding against the same files with LF.
// Usage: tsx bench/scan/compare-detector-paths.ts [--out /tmp/rootguard-bench-scan]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDetector } from '../../src/detect/create-detector.js';
import { scanBytes } from '../../src/detect/scan-bytes.js';
import { StreamScanner } from '../../src/detect/stream-scanner.js';
import type { CorpusManifest } from './corpus/manifest.js';
import { CORPUS_DIR, MANIFEST_FILE } from './generate-corpus.js';
import { median } from './measure-throughput.js';

const MIB = 1024 * 1024;
const STREAM_FROM_BYTES = 8 * MIB;
const CHUNK_BYTES = MIB;
const REPEATS = 5;

const { values } = parseArgs({ options: { out: { type: 'string', default: '.bench/scan' } } });
const outDir = resolve(values.out);
const manifest = JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')) as CorpusManifest;
const root = join(outDir, CORPUS_DIR);
const detector = createDetector();

/** MiB/s of `scan` over `buffers`: the median of REPEATS timed passes after one warm-up pass. */
function rate(buffers: readonly Buffer[], scan: (bytes: Buffer) => void): string {
  const bytes = buffers.reduce((sum, b) => sum + b.length, 0);
  const pass = () => {
    const started = performance.now();
    for (const b of buffers) scan(b);
    return (performance.now() - started) / 1000;
  };
  pass();
  const seconds = median(Array.from({ length: REPEATS }, pass));
  return `${(bytes / MIB / seconds).toFixed(0)} MiB/s`;
}

const whole = (bytes: Buffer) => scanBytes(detector, bytes, 'x');
function streamed(bytes: Buffer): void {
  const scanner = new StreamScanner(detector, 'x');
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) scanner.write(bytes.subarray(at, at + CHUNK_BYTES));
  scanner.end();
}
const toLf = (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');

const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
const large = files
  .map((e) => readFileSync(join(e.parentPath, e.name)))
  .filter((b) => b.length > STREAM_FROM_BYTES);
const mib = (buffers: readonly Buffer[]) => (buffers.reduce((s, b) => s + b.length, 0) / MIB).toFixed(1);
console.log(`files over 8 MiB (${large.length}, ${mib(large)} MiB):`);
console.log(`  StreamScanner, 1 MiB chunks: ${rate(large, streamed)}; scanBytes: ${rate(large, whole)}`);

const withFinding = [...new Set(manifest.keys.filter((k) => !k.probe).map((k) => k.path))];
const crlf = withFinding.map((p) => readFileSync(join(root, p))).filter((b) => b.includes('\r\n'));
const lf = crlf.map(toLf);
console.log(`CRLF files that hold a finding (${crlf.length}, ${mib(crlf)} MiB):`);
console.log(`  scanBytes as they are: ${rate(crlf, whole)}; the same text with LF: ${rate(lf, whole)}`);
