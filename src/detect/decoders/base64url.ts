import type { BlockDecoder } from '../decoder.js';

/** URL- and filename-safe base64 (RFC 4648 §5): `-` and `_`, as in JWTs and URLs. */
export const base64urlDecoder = {
  kind: 'block',
  id: 'base64url',
  alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
} satisfies BlockDecoder;
