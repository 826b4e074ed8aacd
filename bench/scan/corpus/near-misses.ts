// Text that looks like a root key but is not one (or is one the author allowed): the detector must
// report nothing on these lines. Built from keys generated at run time, then broken on purpose.
import { createHash } from 'node:crypto';
import { BASE58_ALPHABET } from '../../../src/detect/base58.js';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { UNKEY_PREFIX, type KeyGenerator } from '../../../test/support/keygen.js';

/** One named way of missing. */
export interface NearMissVariant {
  readonly category: string;
  readonly variant: string;
  make(gen: KeyGenerator): string;
  /** A real key that a `rootguard:allow` comment suppresses: the line gets that comment. */
  readonly allowComment?: boolean;
}

const P = UNKEY_PREFIX;
const NOT_BASE58 = ['0', 'O', 'I', 'l'];

/** `key` with the character at `index` replaced by `char`. */
function replaceAt(key: string, index: number, char: string): string {
  return key.slice(0, index) + char + key.slice(index + 1);
}

/** A different base58 character than `char`. */
function otherBase58(gen: KeyGenerator, char: string): string {
  for (;;) {
    const next = gen.pick([...BASE58_ALPHABET]);
    if (next !== char) return next;
  }
}

const repeat = (pattern: string, length: number) =>
  pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);
const mask = (key: string, dots: string) => `${key.slice(0, 8)}${dots}${key.slice(-4)}`;

export const NEAR_MISSES: readonly NearMissVariant[] = [
  {
    category: 'placeholder',
    variant: 'repeated-char',
    make: (g) => `${P}3Z${g.pick(['X', 'a', 'G', 'o']).repeat(22)}`,
  },
  { category: 'placeholder', variant: 'xxx', make: () => `${P}xxx` },
  { category: 'placeholder', variant: 'angle-brackets', make: () => '<UNKEY_ROOT_KEY>' },
  { category: 'placeholder', variant: 'your-key-here', make: () => `${P}3Z_your_root_key_here` },
  { category: 'identifier', variant: 'key-id', make: (g) => `key_${g.rootKey().slice(P.length)}` },
  { category: 'identifier', variant: 'api-id', make: (g) => `api_${g.base58(g.int(16, 22))}` },
  { category: 'identifier', variant: 'workspace-id', make: (g) => `ws_${g.base58(g.int(16, 22))}` },
  { category: 'identifier', variant: 'keyspace-id', make: (g) => `ks_${g.base58(g.int(16, 22))}` },
  { category: 'masked', variant: 'ellipsis', make: (g) => mask(g.rootKey(), '…') },
  { category: 'masked', variant: 'ellipsis-v1', make: (g) => mask(g.rootKeyV1(), '…') },
  { category: 'masked', variant: 'stars', make: () => `${P}3Z****` },
  {
    category: 'masked',
    variant: 'stars-full-length',
    make: (g) => `${g.rootKey().slice(0, 9)}${'*'.repeat(21)}`,
  },
  { category: 'wrong-length', variant: 'short', make: (g) => g.rootKey().slice(0, -1) },
  { category: 'wrong-length', variant: 'long', make: (g) => g.rootKey() + g.base58(1) },
  { category: 'wrong-length', variant: 'v1-short', make: (g) => g.rootKeyV1().slice(0, -1) },
  { category: 'wrong-length', variant: 'v1-long', make: (g) => g.rootKeyV1() + g.base58(1) },
  {
    category: 'non-base58',
    variant: 'current',
    make: (g) => replaceAt(g.rootKey(), g.int(P.length + 3, P.length + 23), g.pick(NOT_BASE58)),
  },
  {
    category: 'non-base58',
    variant: 'v1',
    make: (g) => replaceAt(g.rootKeyV1(), g.int(P.length + 15, P.length + 56), g.pick(NOT_BASE58)),
  },
  { category: 'other-prefix', variant: 'unkex', make: (g) => `unkex_${g.rootKey().slice(P.length)}` },
  { category: 'other-prefix', variant: 'glued-my', make: (g) => `my${g.rootKey()}` },
  {
    category: 'other-prefix',
    variant: 'upper-case',
    make: (g) => `${P.toUpperCase()}${g.rootKey().slice(P.length)}`,
  },
  { category: 'other-prefix', variant: 'glued-underscore', make: (g) => `x_${g.rootKey()}` },
  { category: 'other-prefix', variant: 'glued-v1', make: (g) => `my${g.rootKeyV1()}` },
  {
    category: 'low-entropy',
    variant: 'pattern-3',
    make: (g) => `${P}3Z${repeat(g.pick(['Fab', 'Gh2', 'Hjk']), 22)}`,
  },
  {
    category: 'low-entropy',
    variant: 'pattern-2',
    make: (g) => `${P}3Z${repeat(g.pick(['Ga', 'Fb', 'o1']), 22)}`,
  },
  {
    category: 'low-entropy',
    variant: 'pattern-4',
    make: (g) => `${P}3Z${repeat(g.pick(['Hx9z', 'Nabc', 'o123']), 22)}`,
  },
  {
    category: 'hash',
    variant: 'sha256-hex',
    make: (g) => createHash('sha256').update(g.bytes(32)).digest('hex'),
  },
  {
    category: 'hash',
    variant: 'sha256-base64',
    make: (g) => createHash('sha256').update(g.bytes(32)).digest('base64'),
  },
  { category: 'hash', variant: 'key-fingerprint', make: (g) => fingerprintKey(g.rootKey()) },
  {
    category: 'v1-bad-checksum',
    variant: 'last-char',
    make: (g) => {
      const key = g.rootKeyV1();
      return replaceAt(key, key.length - 1, otherBase58(g, key.slice(-1)));
    },
  },
  {
    category: 'v1-bad-checksum',
    variant: 'body-char',
    make: (g) => {
      const key = g.rootKeyV1();
      const at = g.int(P.length + 15, key.length - 7);
      return replaceAt(key, at, otherBase58(g, key.charAt(at)));
    },
  },
  { category: 'allow-comment', variant: 'current', allowComment: true, make: (g) => g.rootKey() },
  { category: 'allow-comment', variant: 'v1', allowComment: true, make: (g) => g.rootKeyV1() },
];
