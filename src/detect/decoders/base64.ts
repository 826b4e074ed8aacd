import type { BlockDecoder } from '../decoder.js';

/** Standard base64 (RFC 4648 §4): `+` and `/`. */
export const base64Decoder = {
  kind: 'block',
  id: 'base64',
  alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
} satisfies BlockDecoder;
