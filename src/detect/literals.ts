import { stableEncodings } from './base64-blocks.js';
import type { BlockDecoder, CharDecoder, Decoder } from './decoder.js';
import type { RuleId } from './finding.js';
import type { Rule } from './rule.js';

/** Text in a key, written plainly or with some characters escaped or percent-encoded. */
export interface TextLiteral {
  readonly kind: 'text';
  readonly text: string;
  /** Characters from the start of the key to this text (0 but for anchors such as `unkeyv1`). */
  readonly keyOffset: number;
  /** The rules whose keys this text is evidence of; other rules are not tried here. */
  readonly rules: readonly RuleId[];
  /**
   * For an anchor inside a key (`keyOffset` > 0): the plain lead to look back for, since encoded
   * characters before the anchor move the key's start further back than `keyOffset` bytes.
   */
  readonly lead?: string;
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

export type Literal = TextLiteral | BlockLiteral;

/**
 * Shortest literal with encoded characters (`%75nkey_`, `\x75nkey`). The prefilter samples every
 * (shortest literal − 1) bytes; with the 7-character `unkeyv1` anchor it samples every 6th byte.
 */
export const MIN_ENCODED_LITERAL_LENGTH = 8;

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

function addBlockLiterals(
  inner: TextLiteral | BlockLiteral,
  decoders: readonly BlockDecoder[],
  into: Map<string, BlockLiteral>,
): void {
  const innerKey = inner.kind === 'text' ? `${inner.text}\0${inner.rules.join()}` : inner.text;
  for (const decoder of decoders) {
    for (const encoding of stableEncodings(inner.text, decoder.alphabet)) {
      const key = `${encoding.text}\0${encoding.alignment}\0${innerKey}`;
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

class TextLiterals {
  readonly #byText = new Map<
    string,
    { text: string; keyOffset: number; lead?: string; rules: Set<RuleId> }
  >();

  add(text: string, keyOffset: number, rule: RuleId, lead?: string): void {
    const key = `${text}\0${keyOffset}\0${lead ?? ''}`;
    const known = this.#byText.get(key) ?? {
      text,
      keyOffset,
      rules: new Set<RuleId>(),
      ...(lead ? { lead } : {}),
    };
    known.rules.add(rule);
    this.#byText.set(key, known);
  }

  list(): TextLiteral[] {
    return [...this.#byText.values()].map(({ rules, ...rest }) => ({
      kind: 'text',
      ...rest,
      rules: [...rules],
    }));
  }
}

/**
 * Every literal the prefilter looks for, generated from the rules: their anchors written plainly,
 * their leads with escaped or percent-encoded characters, the base64 forms of both at the three
 * alignments, and the base64 of the base64 of the plain leads (a key in base64 in base64).
 */
export function buildLiterals(rules: readonly Rule[], decoders: readonly Decoder[]): Literal[] {
  const charDecoders = decoders.filter((d): d is CharDecoder => d.kind === 'char');
  const blockDecoders = decoders.filter((d): d is BlockDecoder => d.kind === 'block');
  const plain = new TextLiterals();
  const leads = new TextLiterals();
  const encoded = new TextLiterals();
  for (const rule of rules) {
    for (const anchor of rule.anchors) {
      if (anchor.offset === 0) {
        plain.add(anchor.text, 0, rule.id);
        continue;
      }
      // An anchor inside the key, plain or encoded, owns the keys whose lead is written plainly
      // (keys with an encoded lead are found by the lead's encoded forms, below).
      for (const lead of rule.leads) {
        plain.add(anchor.text, anchor.offset, rule.id, lead);
        for (const decoder of charDecoders) {
          for (const text of charLiterals(anchor.text, decoder))
            plain.add(text, anchor.offset, rule.id, lead);
        }
      }
    }
    for (const lead of rule.leads) {
      leads.add(lead, 0, rule.id);
      for (const decoder of charDecoders) {
        for (const text of charLiterals(lead, decoder)) encoded.add(text, 0, rule.id);
      }
    }
  }
  const once = new Map<string, BlockLiteral>();
  for (const inner of [...leads.list(), ...encoded.list()]) addBlockLiterals(inner, blockDecoders, once);
  const twice = new Map<string, BlockLiteral>();
  for (const inner of once.values()) {
    if (inner.inner.kind === 'text' && leads.list().some((l) => l.text === inner.inner.text)) {
      addBlockLiterals(inner, blockDecoders, twice);
    }
  }
  return [...plain.list(), ...encoded.list(), ...once.values(), ...twice.values()];
}
