// The plain current-format root-key pattern (DESIGN.md §1), built at run time so that no committed
// file holds a key-shaped literal. One source for the generator's bookkeeping, ripgrep and tests.
import { UNKEY_PREFIX } from '../../../test/support/keygen.js';

const BODY = '3Z[F-HJ-NP-Za-km-o][1-9A-HJ-NP-Za-km-z]{21}';

/** JavaScript flavour, with the design's look-around boundaries (no `g`: `test` keeps no state). */
const ROOT_KEY_REGEX = new RegExp(`(?<![A-Za-z0-9_])${UNKEY_PREFIX}${BODY}(?![A-Za-z0-9_])`);

/** ripgrep (Rust regex) flavour: no look-around, so ASCII word boundaries, which are the same here. */
export const ROOT_KEY_RG_PATTERN = `(?-u:\\b)${UNKEY_PREFIX}${BODY}(?-u:\\b)`;

/** Whether `line` holds a plain current-format root key (what ripgrep counts). */
export function hasPlainRootKey(line: string): boolean {
  return ROOT_KEY_REGEX.test(line);
}
