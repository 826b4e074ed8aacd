// Measures what masking every log line with the scanner's detector costs (src/log/mask-secrets.ts):
// pino-like JSON lines without a key (the common case) and with one key written plainly or
// base64-encoded, as ratios against the shape patterns alone (the mask before it used the detector)
// over the same lines in the same run. Rounds are interleaved; the best round counts.
// Run: npx tsx bench/log-mask.ts [LINES]
import { createDetector } from '../src/detect/create-detector.js';
import { maskSecrets } from '../src/log/mask-secrets.js';
import { KeyGenerator } from '../test/support/keygen.js';

const DEFAULT_LINES = 50_000;
const ROUNDS = 5;
const count = Number(process.argv[2] ?? DEFAULT_LINES);
const gen = new KeyGenerator(77);

// The five patterns of maskSecrets, as they ran before the detector pass (the baseline).
const SHAPES: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----|(?:[A-Za-z0-9+/=\s]|\\[nr])*)/g,
  new RegExp(`${['un', 'key'].join('')}_[A-Za-z0-9]{8,}`, 'g'),
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  /\b(Bearer|token)\s+[A-Za-z0-9._~+/-]{16,}=*/g,
  /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*:)[^\s@/"']+@/gi,
];
const shapesOnly = (line: string) => SHAPES.reduce((text, re) => text.replace(re, 'x'), line);

function lines(withKey: (i: number) => string): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      `${JSON.stringify({ level: 30, time: 1765100000000 + i, name: 'scan', repo: 'acme/api', job: `d-${i}`, msg: `scan of acme/api push ${i}: 3 files, 12.4 KiB, complete${withKey(i)}` })}\n`,
  );
}

const key = gen.rootKey();
const cases = [
  { label: 'no key', lines: lines(() => '') },
  { label: 'a plain key in every 100th line', lines: lines((i) => (i % 100 === 0 ? ` ${key}` : '')) },
  {
    label: 'a base64 key in every 100th line',
    lines: lines((i) => (i % 100 === 0 ? ` ${Buffer.from(`K=${key}`).toString('base64')}` : '')),
  },
];
const acme = createDetector({ apiKeyPrefixes: ['acme'] });
const best = new Map<string, number>();
const time = (label: string, run: () => void) => {
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  best.set(label, Math.min(best.get(label) ?? Infinity, ms));
};
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    time(`${c.label}: shapes only`, () => c.lines.forEach(shapesOnly));
    time(`${c.label}: maskSecrets`, () => c.lines.forEach((l) => maskSecrets(l)));
    time(`${c.label}: maskSecrets, prefix acme`, () => c.lines.forEach((l) => maskSecrets(l, acme)));
  }
}
console.log(`${count} lines per case, best of ${ROUNDS} rounds`);
for (const c of cases) {
  const base = best.get(`${c.label}: shapes only`)!;
  for (const variant of ['maskSecrets', 'maskSecrets, prefix acme']) {
    const ms = best.get(`${c.label}: ${variant}`)!;
    console.log(
      `${c.label}, ${variant}: ${(ms / base).toFixed(1)}× the shape patterns alone (${((ms * 1000) / count).toFixed(1)} µs a line)`,
    );
  }
}
