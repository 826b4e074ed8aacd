// Measures the worst cases: inputs made of nothing but key leads, so every few bytes are a
// prefilter hit that verification must check. Prints scanBytes MB/s per input (best of a few
// rounds), whole and streamed in 1 MiB chunks. Run: npx tsx bench/hostile-input.ts [MB] [filter]
import { createDetector } from '../src/detect/create-detector.js';
import { scanBytes } from '../src/detect/scan-bytes.js';
import { StreamScanner } from '../src/detect/stream-scanner.js';
import { UNKEY_PREFIX } from '../test/support/keygen.js';

const DEFAULT_MEGABYTES = 10;
const ROUNDS = 3;
const STREAM_CHUNK = 1024 * 1024;
const size = Number(process.argv[2] ?? DEFAULT_MEGABYTES) * 1e6;
const detector = createDetector({ apiKeyPrefixes: ['acme'] });

const lead = `${UNKEY_PREFIX}3Z`;
const escaped = (text: string) => Array.from(text, (c) => `\\x${c.charCodeAt(0).toString(16)}`).join('');
const b64 = (text: string) => Buffer.from(text).toString('base64');
const repeat = (unit: string) => Buffer.from(unit.repeat(Math.ceil(size / unit.length)).slice(0, size));

const inputs: Record<string, Buffer> = {
  'plain lead, glued (unkey_3Zunkey_3Z…)': repeat(lead),
  'plain lead + space': repeat(`${lead} `),
  'plain lead + 22 base58 chars that fail the rule': repeat(`${lead}${'G'.repeat(22)} `),
  'v1 anchor (unkeyv1) repeated': repeat('unkeyv1'),
  'v1 lead + head + anchor, bad tail': repeat(`${UNKEY_PREFIX}abcdefghunkeyv1 `),
  'escaped lead (\\x75\\x6e…) + space': repeat(`${escaped(lead)} `),
  'percent lead (unkey%5F3Z) + space': repeat(`${lead.replace('_', '%5F')} `),
  'API prefix acme_ repeated': repeat('acme_'),
  'base64 of the lead repeated (one long run)': repeat(b64(lead.repeat(3000))),
  'base64 of lead + 22 G (one long run)': repeat(b64(`${lead}${'G'.repeat(22)} `.repeat(3000))),
  'base64 of base64 of the lead (one long run)': repeat(b64(b64(lead.repeat(3000)))),
  'base64 of the escaped lead (one long run)': repeat(b64(escaped(lead).repeat(1000))),
};

function best(run: () => void): number {
  let seconds = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    run();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return seconds;
}

console.log(`${(size / 1e6).toFixed(0)} MB per input, best of ${ROUNDS} rounds, apiKeyPrefixes ['acme']`);
const filter = process.argv[3] ?? '';
for (const [label, bytes] of Object.entries(inputs)) {
  if (!label.includes(filter)) continue;
  const hits = detector.prefilter.scan(bytes, 0, bytes.length, bytes.length).length;
  const whole = best(() => scanBytes(detector, bytes, 'hostile'));
  const streamed = best(() => {
    const scanner = new StreamScanner(detector, 'hostile');
    for (let at = 0; at < bytes.length; at += STREAM_CHUNK)
      scanner.write(bytes.subarray(at, at + STREAM_CHUNK));
    scanner.end();
  });
  const rate = (seconds: number) => `${(bytes.length / 1e6 / seconds).toFixed(1).padStart(7)} MB/s`;
  console.log(
    `${label.padEnd(48)} scanBytes ${rate(whole)}  stream ${rate(streamed)}  (${hits} hits, ${(whole * 1000).toFixed(0)} ms)`,
  );
}
