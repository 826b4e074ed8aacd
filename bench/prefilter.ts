// Measures the literal prefilter (and the whole scanBytes) against `Buffer.indexOf('unkey')` on the
// same generated text in the same run, and prints ratios. Run: npx tsx bench/prefilter.ts [MB]
import { createDetector } from '../src/detect/create-detector.js';
import { scanBytes } from '../src/detect/scan-bytes.js';
import { StreamScanner } from '../src/detect/stream-scanner.js';
import { KeyGenerator, UNKEY_PREFIX } from '../test/support/keygen.js';

const DEFAULT_MEGABYTES = 64;
const ROUNDS = 5;
const STREAM_CHUNK = 64 * 1024;
const megabytes = Number(process.argv[2] ?? DEFAULT_MEGABYTES);

/**
 * Source-code- and log-like text: identifiers, keywords, numbers, hex, base64, and (with `keys`)
 * one key line in 10,000. The vocabulary is hard on the prefilter on purpose: `key`, `unknown`,
 * `monkey`, `\u00e9` and `%20` share 2-grams with its literals.
 */
function generateText(size: number, keys: boolean): Buffer {
  const gen = new KeyGenerator(2024);
  const words = [
    'const',
    'return',
    'function',
    'import',
    'export',
    'await',
    'async',
    'if',
    'else',
    'for',
    'key',
    'token',
    'apiKey',
    'unknown',
    'monkey',
    'keyboard',
    'value',
    'config',
    'process.env',
    'INFO',
    'ERROR',
    'request',
    'response',
    'user_id',
    'created_at',
    '200',
    '404',
    'http://localhost:3000',
    '{',
    '}',
    '(',
    ')',
    ';',
    '=>',
    '===',
    '"',
    "'",
    ',',
    '.',
    '//',
    '#',
    '\\n',
    '%20',
    '\\u00e9',
  ];
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const roll = gen.next();
    let line: string;
    if (roll < 0.02) line = `  data: ${Buffer.from(gen.bytes(gen.int(30, 600))).toString('base64')}`;
    else if (roll < 0.04) line = `sha256=${Buffer.from(gen.bytes(32)).toString('hex')}`;
    else if (keys && roll < 0.0401) line = `ROOT=${gen.rootKey()}`;
    else if (keys && roll < 0.0402) line = `unkey_placeholder ${UNKEY_PREFIX}xxxx`;
    else {
      const count = gen.int(2, 14);
      const tokens: string[] = [];
      for (let i = 0; i < count; i++)
        tokens.push(gen.next() < 0.1 ? String(gen.int(0, 99999)) : gen.pick(words));
      line = ' '.repeat(gen.int(0, 8)) + tokens.join(' ');
    }
    parts.push(line);
    length += line.length + 1;
  }
  return Buffer.from(parts.join('\n'));
}

function measure(label: string, bytes: Buffer, run: () => number): number {
  let best = Infinity;
  let result = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    result = run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  const rate = bytes.length / 1e6 / best;
  console.log(`${label.padEnd(44)} ${rate.toFixed(0).padStart(6)} MB/s  (result ${result})`);
  return rate;
}

function ratios(label: string, text: Buffer): void {
  const detector = createDetector();
  const withApi = createDetector({ apiKeyPrefixes: ['acme'] });
  console.log(
    `\n${label}: ${(text.length / 1e6).toFixed(1)} MB, best of ${ROUNDS} rounds, stride ${detector.prefilter.stride}`,
  );
  const baseline = measure("baseline: Buffer.indexOf('unkey') loop", text, () => {
    let count = 0;
    for (let at = text.indexOf('unkey'); at >= 0; at = text.indexOf('unkey', at + 1)) count++;
    return count;
  });
  const runs: [string, () => number][] = [
    ['prefilter.scan (hits)', () => detector.prefilter.scan(text, 0, text.length, text.length).length],
    ['scanBytes (findings)', () => scanBytes(detector, text, 'bench').length],
    ["scanBytes, apiKeyPrefixes ['acme']", () => scanBytes(withApi, text, 'bench').length],
    [
      'StreamScanner, 64 KiB chunks (findings)',
      () => {
        const scanner = new StreamScanner(detector, 'bench');
        let count = 0;
        for (let at = 0; at < text.length; at += STREAM_CHUNK)
          count += scanner.write(text.subarray(at, at + STREAM_CHUNK)).length;
        return count + scanner.end().length;
      },
    ],
  ];
  const out = runs.map(
    ([name, run]) => `${name.split(' (')[0]} ${(measure(name, text, run) / baseline).toFixed(2)}`,
  );
  console.log(`ratios to baseline: ${out.join(', ')}`);
}

ratios('generated text without keys (the usual file)', generateText(megabytes * 1e6, false));
ratios('generated text with a key every ~10,000 lines', generateText(megabytes * 1e6, true));
