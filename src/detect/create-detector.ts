import { valueTable } from './base64-blocks.js';
import type { BlockDecoder, CharDecoder } from './decoder.js';
import { DECODERS } from './decoders/registry.js';
import { buildLiterals } from './literals.js';
import { Prefilter } from './prefilter.js';
import type { Rule } from './rule.js';
import { createRules } from './rules/registry.js';

/** What to detect besides root keys. */
export interface DetectorOptions {
  /**
   * Customer API key prefixes to detect with rule `unkey-api-key` (1–16 of `[A-Za-z0-9_]` each).
   * @defaultValue []
   */
  readonly apiKeyPrefixes?: readonly string[];
}

/** Compiled rules, decoders and literal prefilter. Opaque to callers: pass it to the scanners. */
export interface Detector {
  readonly rules: readonly Rule[];
  readonly charDecoders: readonly CharDecoder[];
  /** Each block decoder's character → value table. */
  readonly blockValues: ReadonlyMap<BlockDecoder, Int8Array>;
  readonly prefilter: Prefilter;
}

/** Compiles a detector once; reuse it for every scan. Throws `DetectError` on a bad prefix. */
export function createDetector(options: DetectorOptions = {}): Detector {
  const rules = createRules(options.apiKeyPrefixes ?? []);
  const blockValues = new Map<BlockDecoder, Int8Array>();
  for (const decoder of DECODERS)
    if (decoder.kind === 'block') blockValues.set(decoder, valueTable(decoder.alphabet));
  return {
    rules,
    charDecoders: DECODERS.filter((d): d is CharDecoder => d.kind === 'char'),
    blockValues,
    prefilter: new Prefilter(buildLiterals(rules, DECODERS)),
  };
}
