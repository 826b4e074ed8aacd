import type { DecoderId } from './finding.js';

/** One character decoded in place: its code point and how many encoded bytes it took. */
export interface DecodedChar {
  readonly code: number;
  readonly length: number;
}

/** Decodes single characters written in another form (`\x5f`, `\u005f`, `%5F`), mixed with plain text. */
export interface CharDecoder {
  readonly kind: 'char';
  readonly id: DecoderId;
  /** The byte every encoded character starts with (`\\`, `%`): other bytes are skipped at once. */
  readonly lead: number;
  /** Every form this decoder writes an ASCII character in (both hex cases), for the literal table. */
  encode(code: number): string[];
  /** The character encoded at `at` (reading no further than `end`), or undefined when none starts there. */
  decodeAt(bytes: Uint8Array, at: number, end: number): DecodedChar | undefined;
}

/** Decodes runs written in 4-character blocks of a 64-character alphabet (base64 and its URL form). */
export interface BlockDecoder {
  readonly kind: 'block';
  readonly id: DecoderId;
  /** The 64 characters, in value order; padding is `=`. */
  readonly alphabet: string;
}

/** A decoder the engine applies to find keys written in another form. */
export type Decoder = CharDecoder | BlockDecoder;
