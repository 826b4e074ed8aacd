// Seeded generator of key-shaped strings for tests and benchmarks. Keys are made at run time so
// that no key-shaped literal is ever committed (and `rootguard scan .` on this repo finds nothing).
import { BASE58_ALPHABET, encodeBase58 } from '../../src/detect/base58.js';
import { crc32c } from '../../src/detect/crc32c.js';
import { watchKeys } from './suite-canary.js';

const ROOT_PREFIX = ['un', 'key_'].join('');

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same keys on every machine. */
export class KeyGenerator {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(0, 255);
    return out;
  }

  base58(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += BASE58_ALPHABET[this.int(0, 57)];
    return out;
  }

  /** A root key in Unkey's current format: `unkey_` + base58([0x01, 0x10, 16 random bytes]). */
  rootKey(): string {
    const raw = new Uint8Array(18);
    raw[0] = 0x01;
    raw[1] = 0x10;
    raw.set(this.bytes(16), 2);
    return watched(ROOT_PREFIX + encodeBase58(raw));
  }

  /** A root key in the upcoming v1 format, with a correct CRC-32C checksum. */
  rootKeyV1(): string {
    const body = `${ROOT_PREFIX}${this.base58(8)}unkeyv1${this.base58(36)}`;
    return watched(body + base58Checksum(body));
  }

  /** A customer API key: `prefix_` + base58 of 16 random bytes. */
  apiKey(prefix: string): string {
    return watched(`${prefix}_${encodeBase58(this.bytes(16))}`);
  }
}

/** Every generated key is watched by the suite canary (test/support/suite-canary.ts). */
function watched(key: string): string {
  watchKeys(key);
  return key;
}

/** The 6-character base58 CRC-32C suffix of the v1 format (big-endian uint32, padded with `1`). */
export function base58Checksum(text: string): string {
  let value = crc32c(new TextEncoder().encode(text));
  let out = '';
  while (value > 0) {
    out = BASE58_ALPHABET[value % 58] + out;
    value = Math.floor(value / 58);
  }
  return out.padStart(6, '1');
}

/** The `unkey_` prefix, assembled at run time so this file holds no key-shaped literal. */
export const UNKEY_PREFIX = ROOT_PREFIX;
