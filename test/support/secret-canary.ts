/** The length of every piece `leakPieces` makes. */
const PIECE = 8;

/**
 * Every piece of a key longer than what its mask shows: 8-character windows that start after the
 * first character. The mask keeps the first 8 characters and the last 4, so any of these in a
 * text means key material leaked.
 */
function leakPieces(key: string): string[] {
  const pieces: string[] = [];
  for (let at = 1; at + PIECE <= key.length; at++) pieces.push(key.slice(at, at + PIECE));
  return pieces;
}

/**
 * The texts (by label) that hold a generated key, or any 8-character piece of one beyond its mask.
 * A whole key holds such a piece too, so each text is read once, window by window, against a set
 * of the pieces: the suite canary checks thousands of keys (a detector test's) against every value
 * in Redis after each file, which searching each text once per piece made take minutes.
 */
export function findKeyMaterial(
  texts: Iterable<[label: string, text: string]>,
  keys: readonly string[],
): string[] {
  const pieces = new Set(keys.flatMap(leakPieces));
  const leaks: string[] = [];
  if (pieces.size === 0) return leaks;
  for (const [label, text] of texts)
    for (let at = 0; at + PIECE <= text.length; at++)
      if (pieces.has(text.slice(at, at + PIECE))) {
        leaks.push(label);
        break;
      }
  return leaks;
}
