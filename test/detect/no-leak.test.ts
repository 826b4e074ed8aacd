import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { base64, scanChunks, scanText, utf8 } from '../support/detect-helpers.js';
import { KeyGenerator } from '../support/keygen.js';

const gen = new KeyGenerator(31);

/** Every way a value usually escapes into logs, reports or snapshots. */
function escapes(value: unknown): string[] {
  return [JSON.stringify(value), inspect(value, { depth: 10 }), String(value)];
}

/** The key, and its unmasked middle: neither may appear. */
function secretParts(key: string): string[] {
  return [key, key.slice(8, -4)];
}

describe('no plaintext escapes', () => {
  it('findings of every rule and decoder hold no key material', () => {
    const detector = createDetector({ apiKeyPrefixes: ['acme'] });
    const keys = [gen.rootKey(), gen.rootKeyV1(), gen.apiKey('acme')];
    const text = keys
      .flatMap((key) => [
        key,
        base64(key),
        key.replace('_', '%5F'),
        key.replace('_', '\\u005f'),
        base64(base64(key)),
      ])
      .join('\n');
    const findings = scanText(text, detector);
    expect(findings).toHaveLength(15);
    const streamed = scanChunks(detector, utf8(text), [7]);
    for (const out of [...escapes(findings), ...escapes(streamed)]) {
      for (const key of keys) for (const part of secretParts(key)) expect(out).not.toContain(part);
    }
  });

  it('DetectError holds no key material, even when a key is passed as a prefix', () => {
    const key = gen.rootKey();
    let error: unknown;
    try {
      createDetector({ apiKeyPrefixes: [key] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeDefined();
    const outputs = [...escapes(error), (error as Error).message, (error as Error).stack ?? ''];
    for (const out of outputs) for (const part of secretParts(key)) expect(out).not.toContain(part);
  });
});
