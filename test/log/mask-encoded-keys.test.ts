import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { maskKey } from '../../src/detect/mask.js';
import { createLogger } from '../../src/log/create-logger.js';
import { maskSecrets } from '../../src/log/mask-secrets.js';
import { cleanError } from '../../src/queue/clean-error.js';
import { base64, base64url, escapeAll, scanText } from '../support/detect-helpers.js';
import { KeyGenerator } from '../support/keygen.js';
import { captureLines, expectNoKeyPieces } from './capture.js';

const gen = new KeyGenerator(1209);
const PREFIX = 'acme';
const percent = (text: string) => text.replace(/_/g, '%5F');
const unicodeEscape = (text: string) => text.replace(/_/g, '\\u005f');
const braceEscape = (text: string) => text.replace(/_/g, '\\u{5f}');

/** Each form the detector's decoders read, with its name. */
const FORMS: readonly [string, (key: string) => string][] = [
  ['plain', (k) => k],
  ['base64', (k) => base64(`UNKEY_ROOT_KEY=${k}\n`)],
  ['base64url', (k) => base64url(`??>${k}??>`)],
  ['base64 of base64', (k) => base64(`{"auth":"${base64(`ci:${k}`)}"}`)],
  ['percent-encoded', (k) => `https://example.test/cb?key=${percent(k)}&x=1`],
  ['\\u005f escape', (k) => `"${unicodeEscape(k)}"`],
  ['\\u{5f} escape', (k) => `"${braceEscape(k)}"`],
  ['\\x escapes', (k) => `"${escapeAll(k)}"`],
];

describe('log lines pass the scanner’s detection', () => {
  const detector = createDetector({ apiKeyPrefixes: [PREFIX] });
  for (const [name, encode] of FORMS) {
    it(`masks a root key and a customer API key written ${name}`, () => {
      const root = gen.rootKey();
      const v1 = gen.rootKeyV1();
      const api = gen.apiKey(PREFIX);
      const { destination, lines } = captureLines();
      const log = createLogger({ destination, apiKeyPrefixes: [PREFIX] });
      log.info(`deploy with ${encode(root)} done`);
      log.info({ env: { A: encode(api), B: `x\n${encode(v1)}` } }, 'nested');
      log.warn(new Error(`failed at ${encode(api)}`));
      // The text was found before masking, in this form: the test would pass vacuously otherwise.
      expect(scanText(encode(root), detector)).toHaveLength(1);
      expect(scanText(encode(api), detector)).toHaveLength(1);
      for (const line of lines) {
        expect(() => JSON.parse(line) as unknown).not.toThrow();
        expect(scanText(line, detector)).toEqual([]);
        // Decoded as JSON too: the message a person reads holds no key either.
        expect(scanText(JSON.stringify(JSON.parse(line)), detector)).toEqual([]);
      }
      for (const key of [root, v1, api]) expectNoKeyPieces(lines, key);
      expect(lines[0]).toContain(maskKey(root));
      expect(lines[1]).toContain(maskKey(api));
      expect(lines[1]).toContain(maskKey(v1));
    });
  }

  it('masks customer API keys only for the configured prefixes, and leaves a line without a key as it was', () => {
    const api = gen.apiKey(PREFIX);
    const { destination, lines } = captureLines();
    createLogger({ destination }).info(`plain ${api}`);
    expect(lines[0]).toContain(api.slice(8));
    const line = JSON.stringify({ msg: 'scan of acme/api: 3 files, key_123 api_abc, base64 aGVsbG8=' });
    expect(maskSecrets(line, detector)).toBe(line);
  });

  it('masks encoded keys in errors cleaned for BullMQ', () => {
    const root = gen.rootKey();
    const error = new Error(`upload failed: ${base64(`token=${root}`)}`);
    error.stack = `Error: ${percent(root)}\n    at x (y.ts:1:1)`;
    const cleaned = cleanError(error);
    expect(scanText(cleaned.message)).toEqual([]);
    expect(scanText(cleaned.stack ?? '')).toEqual([]);
    expect(cleaned.message).toContain(maskKey(root));
  });
});
