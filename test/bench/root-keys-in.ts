// An independent strict check for the corpus tests: root-key shapes that also pass the structure
// check (current: base58 body decodes to [0x01, 0x10, 16 bytes]; v1: the CRC-32C suffix matches).
import { decodeBase58 } from '../../src/detect/base58.js';
import { base58Checksum, UNKEY_PREFIX } from '../support/keygen.js';
import type { KeyFormat } from '../../bench/scan/corpus/manifest.js';

const B58 = '[1-9A-HJ-NP-Za-km-z]';
const EDGE_BEFORE = '(?<![A-Za-z0-9_])';
const EDGE_AFTER = '(?![A-Za-z0-9_])';
const CURRENT = new RegExp(`${EDGE_BEFORE}${UNKEY_PREFIX}3Z[F-HJ-NP-Za-km-o]${B58}{21}${EDGE_AFTER}`, 'g');
const V1 = new RegExp(`${EDGE_BEFORE}${UNKEY_PREFIX}${B58}{8}unkeyv1${B58}{42}${EDGE_AFTER}`, 'g');
const V1_CHECKSUM_LENGTH = 6;

/** The root keys of `format` in `text` that pass the strict shape and structure checks. */
export function rootKeysIn(text: string, format: KeyFormat): string[] {
  if (format === 'current') {
    return [...text.matchAll(CURRENT)]
      .map((m) => m[0])
      .filter((key) => {
        const raw = decodeBase58(key.slice(UNKEY_PREFIX.length));
        return raw !== undefined && raw.length === 18 && raw[0] === 0x01 && raw[1] === 0x10;
      });
  }
  return [...text.matchAll(V1)]
    .map((m) => m[0])
    .filter((key) => base58Checksum(key.slice(0, -V1_CHECKSUM_LENGTH)) === key.slice(-V1_CHECKSUM_LENGTH));
}
