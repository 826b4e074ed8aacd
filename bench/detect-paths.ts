// Measures the detector's two paths where they count lines: scanBytes and StreamScanner (64 KiB
// chunks, and 1 MiB as the CLI streams) on generated text with keys, with LF and with CRLF line breaks, as ratios against
// `Buffer.indexOf('unkey')` over the same bytes in the same run. Rounds are interleaved so outside
// load spreads over all cases; the best round counts. Run: npx tsx bench/detect-paths.ts [MB]
import { createDetector } from '../src/detect/create-detector.js';
import type { Finding } from '../src/detect/finding.js';
import { scanBytes } from '../src/detect/scan-bytes.js';
import { StreamScanner } from '../src/detect/stream-scanner.js';
import { generateText } from './generate-text.js';

const DEFAULT_MEGABYTES = 64;
const ROUNDS = 7;
const STREAM_CHUNK = 64 * 1024;
const CLI_CHUNK = 1024 * 1024;
const megabytes = Number(process.argv[2] ?? DEFAULT_MEGABYTES);
const detector = createDetector();

function indexOfLoop(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf('unkey'); at >= 0; at = bytes.indexOf('unkey', at + 1)) count++;
  return count;
}

function streamed(bytes: Buffer, chunk = STREAM_CHUNK): Finding[] {
  const scanner = new StreamScanner(detector, 'bench');
  const out: Finding[] = [];
  for (let at = 0; at < bytes.length; at += chunk) out.push(...scanner.write(bytes.subarray(at, at + chunk)));
  out.push(...scanner.end());
  return out;
}

const lf = generateText(megabytes * 1e6, true);
const crlf = Buffer.from(lf.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
const cases: { label: string; bytes: Buffer; run: (b: Buffer) => Finding[] | number }[] = [
  { label: "baseline LF: Buffer.indexOf('unkey') loop", bytes: lf, run: indexOfLoop },
  { label: "baseline CRLF: Buffer.indexOf('unkey') loop", bytes: crlf, run: indexOfLoop },
  { label: 'scanBytes, LF', bytes: lf, run: (b) => scanBytes(detector, b, 'bench') },
  { label: 'scanBytes, CRLF', bytes: crlf, run: (b) => scanBytes(detector, b, 'bench') },
  { label: 'StreamScanner 64 KiB chunks, LF', bytes: lf, run: streamed },
  { label: 'StreamScanner 64 KiB chunks, CRLF', bytes: crlf, run: streamed },
  // The CLI streams files over 8 MiB in 1 MiB chunks.
  { label: 'StreamScanner 1 MiB chunks, LF', bytes: lf, run: (b) => streamed(b, CLI_CHUNK) },
];

const best = cases.map(() => Infinity);
const results: (Finding[] | number)[] = [];
for (let round = 0; round < ROUNDS; round++) {
  cases.forEach(({ bytes, run }, i) => {
    const start = process.hrtime.bigint();
    results[i] = run(bytes);
    best[i] = Math.min(best[i] as number, Number(process.hrtime.bigint() - start) / 1e9);
  });
}

// Every path must report the same keys on the same lines, or the speed means nothing.
const summary = (r: Finding[] | number) =>
  typeof r === 'number' ? String(r) : JSON.stringify(r.map((f) => [f.line, f.column, f.fingerprint]));
for (let i = 3; i < cases.length; i++)
  if (summary(results[i]!) !== summary(results[2]!))
    throw new Error(`${cases[i]!.label} differs from scanBytes`);

console.log(
  `generated text with keys, ${(lf.length / 1e6).toFixed(1)} MB LF / ${(crlf.length / 1e6).toFixed(1)} MB CRLF, best of ${ROUNDS} interleaved rounds`,
);
const rate = (i: number) => cases[i]!.bytes.length / 1e6 / (best[i] as number);
cases.forEach(({ label, bytes }, i) => {
  const baseline = rate(bytes === lf ? 0 : 1);
  const result = results[i]!;
  const found = typeof result === 'number' ? `${result} hits` : `${result.length} findings`;
  console.log(
    `${label.padEnd(46)} ${rate(i).toFixed(0).padStart(6)} MB/s  ratio ${(rate(i) / baseline).toFixed(2)}  (${found})`,
  );
});
