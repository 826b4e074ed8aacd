// Measures the literal prefilter (and the whole scanBytes) against `Buffer.indexOf('unkey')` on the
// same generated text in the same run, and prints ratios. Run: npx tsx bench/prefilter.ts [MB]
import { createDetector } from '../src/detect/create-detector.js';
import { scanBytes } from '../src/detect/scan-bytes.js';
import { KeyGenerator, UNKEY_PREFIX } from '../test/support/keygen.js';

const DEFAULT_MEGABYTES = 64;
const ROUNDS = 5;
const megabytes = Number(process.argv[2] ?? DEFAULT_MEGABYTES);

/** Source-code- and log-like text: identifiers, keywords, numbers, hex, base64, some keys. */
function generateText(size: number): Buffer {
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
    else if (roll < 0.0401) line = `ROOT=${gen.rootKey()}`;
    else if (roll < 0.0402) line = `unkey_placeholder ${UNKEY_PREFIX}xxxx`;
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

const text = generateText(megabytes * 1e6);
const detector = createDetector();
console.log(`${(text.length / 1e6).toFixed(1)} MB generated text, best of ${ROUNDS} rounds`);
console.log(`prefilter stride ${detector.prefilter.stride}`);
const baseline = measure("baseline: Buffer.indexOf('unkey') loop", text, () => {
  let count = 0;
  for (let at = text.indexOf('unkey'); at >= 0; at = text.indexOf('unkey', at + 1)) count++;
  return count;
});
const prefilter = measure(
  'prefilter.scan (hits)',
  text,
  () => detector.prefilter.scan(text, 0, text.length, text.length).length,
);
const whole = measure('scanBytes (findings)', text, () => scanBytes(detector, text, 'bench').length);
const withApi = createDetector({ apiKeyPrefixes: ['acme'] });
const api = measure(
  "scanBytes, apiKeyPrefixes ['acme']",
  text,
  () => scanBytes(withApi, text, 'bench').length,
);
console.log(
  `ratios to baseline: prefilter ${(prefilter / baseline).toFixed(2)}, scanBytes ${(whole / baseline).toFixed(2)}, ` +
    `scanBytes with an API prefix ${(api / baseline).toFixed(2)}`,
);
