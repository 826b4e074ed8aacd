import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECODERS } from '../../src/detect/decoders/registry.js';
import { buildLiterals } from '../../src/detect/literals.js';
import { Prefilter } from '../../src/detect/prefilter.js';
import { createRules } from '../../src/detect/rules/registry.js';

const literals = buildLiterals(createRules(['acme', 'Z']), DECODERS);
const prefilter = new Prefilter(literals);
const rootPrefilter = new Prefilter(buildLiterals(createRules([]), DECODERS));

/** Every occurrence of every literal, found the slow way. */
function naive(text: Buffer, from: number, limit: number, list: typeof literals) {
  const out: string[] = [];
  for (const literal of list) {
    for (
      let at = text.indexOf(literal.text, from, 'latin1');
      at >= 0 && at < limit;
      at = text.indexOf(literal.text, at + 1, 'latin1')
    ) {
      out.push(`${at}:${literal.text}`);
    }
  }
  return out.sort();
}

describe('Prefilter', () => {
  it('strides by the shortest literal minus one', () => {
    expect(rootPrefilter.stride).toBe(6);
    expect(prefilter.stride).toBe(1);
  });

  it('finds exactly the literal occurrences a naive search finds, at any offset and buffer alignment', () => {
    const pieces = fc.oneof(
      fc.constantFrom(...literals.map((l) => l.text)),
      fc.string({ unit: fc.constantFrom(...'unkey_3Zv1dW5%\\x7AaZ '), maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), fc.nat(3), fc.nat(20), (parts, shift, trim) => {
        const body = Buffer.from(parts.join(''), 'latin1');
        // Copy into a larger buffer at an odd or even offset: the 16-bit fast path must not miss.
        const backing = Buffer.alloc(body.length + 4);
        body.copy(backing, shift);
        const view = new Uint8Array(backing.buffer, backing.byteOffset + shift, body.length);
        const from = Math.min(trim, body.length);
        for (const [filter, list] of [
          [prefilter, literals],
          [rootPrefilter, buildLiterals(createRules([]), DECODERS)],
        ] as const) {
          const hits = filter
            .scan(view, from, body.length, body.length)
            .map((h) => `${h.at}:${h.literal.text}`);
          expect(hits.sort()).toEqual(naive(body, from, body.length, list));
        }
      }),
      { numRuns: 300 },
    );
  });
});
