// Generated source-code- and log-like text for the detector benchmarks (bench/prefilter.ts,
// bench/detect-paths.ts): the same seed gives the same bytes on every machine.
import { KeyGenerator, UNKEY_PREFIX } from '../test/support/keygen.js';

/**
 * Source-code- and log-like text: identifiers, keywords, numbers, hex, base64, and (with `keys`)
 * one key line in 10,000. The vocabulary is hard on the prefilter on purpose: `key`, `unknown`,
 * `monkey`, `\u00e9` and `%20` share 2-grams with its literals.
 */
export function generateText(size: number, keys: boolean): Buffer {
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
