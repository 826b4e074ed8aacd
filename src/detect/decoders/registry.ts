import type { Decoder } from '../decoder.js';
import { base64Decoder } from './base64.js';
import { base64urlDecoder } from './base64url.js';
import { escapeDecoder } from './escape.js';
import { percentDecoder } from './percent.js';

/**
 * The decoders, in the order they are tried. Standard base64 comes before the URL-safe form, so
 * text valid in both (most of it) is reported as `base64`.
 */
export const DECODERS: readonly Decoder[] = [base64Decoder, base64urlDecoder, percentDecoder, escapeDecoder];
