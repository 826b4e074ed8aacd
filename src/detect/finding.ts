/** The id of a detection rule; used in findings, SARIF, config and suppression. */
export type RuleId = 'unkey-root-key' | 'unkey-root-key-v1' | 'unkey-api-key';

/** The id of a decoder that turned encoded text back into bytes that held a key. */
export type DecoderId = 'base64' | 'base64url' | 'percent' | 'escape';

/**
 * One leaked key, as the detector reports it. It never carries the key itself: only the
 * fingerprint (Unkey's own stored hash) and a masked preview.
 */
export interface Finding {
  readonly ruleId: RuleId;
  /** Where the bytes came from, as given by the caller (a file path, `-` for stdin, a log name). */
  readonly path: string;
  /** 1-based line of the first byte of the key, or of the encoded text that held it. */
  readonly line: number;
  /** 1-based column, counted in Unicode code points from the start of the line. */
  readonly column: number;
  /** `base64(sha256(key))`, standard base64 with padding: what Unkey stores for a key. */
  readonly fingerprint: string;
  /** The first 8 characters, `…`, and the last 4: safe to show. */
  readonly masked: string;
  /** The decoders applied to reach the key, outermost first; absent when the key was written plainly. */
  readonly decodedFrom?: readonly DecoderId[];
}
