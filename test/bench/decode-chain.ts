// Undoes the encodings named in a manifest entry, outermost first, so a test can find the key. Each
// base64 step decodes every run in the text (the inner docker `auth` sits inside decoded JSON).
import type { DecoderId } from '../../src/detect/finding.js';

const MIN_RUN = 16;
const BASE64_RUN = new RegExp(`[A-Za-z0-9+/]{${MIN_RUN},}={0,2}`, 'g');
const BASE64URL_RUN = new RegExp(`[A-Za-z0-9_-]{${MIN_RUN},}`, 'g');

const DECODE: Record<DecoderId, (text: string) => string> = {
  base64: (text) => runs(text, BASE64_RUN, 'base64'),
  base64url: (text) => runs(text, BASE64URL_RUN, 'base64url'),
  percent: (text) => decodeURIComponent(text),
  escape: (text) =>
    text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
};

function runs(text: string, pattern: RegExp, encoding: BufferEncoding): string {
  return [...text.matchAll(pattern)].map((m) => Buffer.from(m[0], encoding).toString('utf8')).join('\n');
}

export function decodeChain(text: string, decoders: readonly DecoderId[]): string {
  return decoders.reduce((current, decoder) => DECODE[decoder](current), text);
}
