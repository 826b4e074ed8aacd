/**
 * Every piece of a key longer than what its mask shows: 8-character windows that start after the
 * first character. The mask keeps the first 8 characters and the last 4, so any of these in a
 * text means key material leaked.
 */
function leakPieces(key: string): string[] {
  const pieces: string[] = [];
  for (let at = 1; at + 8 <= key.length; at++) pieces.push(key.slice(at, at + 8));
  return pieces;
}

/** The texts (by label) that hold a generated key, or any 8-character piece of one beyond its mask. */
export function findKeyMaterial(
  texts: Iterable<[label: string, text: string]>,
  keys: readonly string[],
): string[] {
  const pieces = keys.flatMap((key) => [key, ...leakPieces(key)]);
  const leaks: string[] = [];
  for (const [label, text] of texts) if (pieces.some((piece) => text.includes(piece))) leaks.push(label);
  return leaks;
}
