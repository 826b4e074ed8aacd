import { describe, expect, it } from 'vitest';
import { DECODERS } from '../../src/detect/decoders/registry.js';
import { buildLiterals, MIN_ENCODED_LITERAL_LENGTH } from '../../src/detect/literals.js';
import { createRules } from '../../src/detect/rules/registry.js';
import { UNKEY_PREFIX } from '../support/keygen.js';

const literals = buildLiterals(createRules(['acme']), DECODERS);

describe('buildLiterals', () => {
  it('generates base64 literals that are what Node encodes, at the claimed offset and alignment', () => {
    const blocks = literals.filter((l) => l.kind === 'block');
    expect(blocks.length).toBeGreaterThan(50);
    for (const literal of blocks) {
      for (const decoder of literal.decoders) {
        // Any bytes around the inner text: the literal must not depend on them.
        for (const fill of [0x00, 0xff, 0x41]) {
          const around = Buffer.alloc(literal.alignment, fill);
          const data = Buffer.concat([
            around,
            Buffer.from(literal.inner.text, 'latin1'),
            Buffer.alloc(3, fill),
          ]);
          const encoded = data.toString(decoder.id === 'base64' ? 'base64' : 'base64url');
          expect(encoded.slice(literal.offset, literal.offset + literal.text.length)).toBe(literal.text);
        }
      }
    }
  });

  it('covers the plain anchors, the encoded leads, both base64 forms and base64 of base64', () => {
    const texts = new Set(literals.map((l) => l.text));
    expect(texts).toContain(`${UNKEY_PREFIX}3Z`);
    expect(texts).toContain('unkeyv1');
    expect(texts).toContain('acme_');
    expect(texts).toContain(`${UNKEY_PREFIX.slice(0, -1)}%5F`);
    expect(texts).toContain(`${UNKEY_PREFIX.slice(0, -1)}%5f`);
    expect(texts).toContain('\\x75nkey');
    expect(texts).toContain(Buffer.from(UNKEY_PREFIX).toString('base64'));
    const nested = literals.filter((l) => l.kind === 'block' && l.inner.kind === 'block');
    expect(nested.length).toBeGreaterThanOrEqual(9);
  });

  it('keeps every root-key literal at least 7 bytes long, so the prefilter strides 6', () => {
    const rootOnly = buildLiterals(createRules([]), DECODERS);
    expect(Math.min(...rootOnly.map((l) => l.text.length))).toBe(7);
    const encoded = rootOnly.filter((l) => l.kind === 'text' && /[\\%]/.test(l.text));
    for (const literal of encoded)
      expect(literal.text.length).toBeGreaterThanOrEqual(MIN_ENCODED_LITERAL_LENGTH);
  });
});
