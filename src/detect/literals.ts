import { stableEncodings } from './base64-blocks.js';
import type { BlockDecoder, CharDecoder, Decoder } from './decoder.js';

/** Where a key starts, written plainly or with some characters escaped or percent-encoded. */
export interface TextLiteral {
  readonly kind: 'text';
  readonly text: string;
}

/** Base64 text whose decoding holds `inner` at byte `alignment` after the group boundary. */
export interface BlockLiteral {
  readonly kind: 'block';
  readonly text: string;
  /** The decoders this text is valid in (both base64 forms when it has none of `+/-_`). */
  readonly decoders: readonly BlockDecoder[];
  /** Characters from the 4-character group boundary to the literal. */
  readonly offset: number;
  /** Bytes from the group boundary to `inner` in the decoded bytes. */
  readonly alignment: number;
  readonly inner: TextLiteral | BlockLiteral;
}

/** The suppression marker. */
export interface AllowLiteral {
  readonly kind: 'allow';
  readonly text: string;
}

export type Literal = TextLiteral | BlockLiteral | AllowLiteral;

/** Marks a line whose findings are not reported. */
export const ALLOW_MARKER = 'rootguard:allow';
/**
 * Shortest literal for a lead with encoded characters (`\x75n`): the prefilter samples every
 * (shortest literal − 1) bytes, so shorter literals would slow every scan.
 */
export const MIN_ENCODED_LITERAL_LENGTH = 5;
/** Base64 of a lead without its `_` still finds `unkey%5F…` and `unkey\u005f…` inside base64. */
const MIN_BLOCK_LEAD_LENGTH = 4;

/** The texts a key with `lead` may start with when some of its first characters are encoded. */
function charLiterals(lead: string, decoder: CharDecoder): string[] {
  const out = new Set<string>();
  const walk = (index: number, text: string, firstEncoded: number): void => {
    if (firstEncoded >= 0) {
      const keep = Math.max(MIN_ENCODED_LITERAL_LENGTH, firstEncoded + 1);
      if (text.length >= keep || index === lead.length) {
        out.add(text.slice(0, keep));
        return;
      }
    }
    if (index === lead.length) return;
    walk(index + 1, text + lead[index], firstEncoded);
    for (const form of decoder.encode(lead.charCodeAt(index))) {
      walk(index + 1, text + form, firstEncoded >= 0 ? firstEncoded : text.length);
    }
  };
  walk(0, '', -1);
  return [...out];
}

function blockLiterals(
  inner: TextLiteral | BlockLiteral,
  decoders: readonly BlockDecoder[],
  into: Map<string, BlockLiteral>,
): void {
  for (const decoder of decoders) {
    for (const encoding of stableEncodings(inner.text, decoder.alphabet)) {
      const key = `${encoding.text}\0${encoding.alignment}\0${inner.kind}\0${inner.text}`;
      const known = into.get(key);
      into.set(key, {
        kind: 'block',
        text: encoding.text,
        decoders: known ? [...known.decoders, decoder] : [decoder],
        offset: encoding.offset,
        alignment: encoding.alignment,
        inner,
      });
    }
  }
}

/**
 * Every literal the prefilter looks for, generated from the rules' leads: the plain lead, leads
 * with escaped or percent-encoded characters, their base64 forms at the three alignments, the
 * base64 of those (a key in base64 inside base64), and the suppression marker.
 */
export function buildLiterals(leads: readonly string[], decoders: readonly Decoder[]): Literal[] {
  const charDecoders = decoders.filter((d): d is CharDecoder => d.kind === 'char');
  const blockDecoders = decoders.filter((d): d is BlockDecoder => d.kind === 'block');
  const texts = new Set<string>();
  for (const lead of leads) {
    texts.add(lead);
    for (const decoder of charDecoders) for (const text of charLiterals(lead, decoder)) texts.add(text);
  }
  const once = new Map<string, BlockLiteral>();
  for (const lead of new Set(leads)) {
    const bare = lead.endsWith('_') && lead.length > MIN_BLOCK_LEAD_LENGTH ? lead.slice(0, -1) : lead;
    blockLiterals({ kind: 'text', text: bare }, blockDecoders, once);
  }
  const twice = new Map<string, BlockLiteral>();
  for (const inner of once.values()) blockLiterals(inner, blockDecoders, twice);
  return [
    ...[...texts].map((text): TextLiteral => ({ kind: 'text', text })),
    ...once.values(),
    ...twice.values(),
    { kind: 'allow', text: ALLOW_MARKER },
  ];
}
