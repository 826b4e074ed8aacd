// How far around a literal the engine may read. Both scanBytes and StreamScanner clamp every
// window to [start − WINDOW_BEFORE, start + WINDOW_AFTER] of the input, so they see the same bytes.

/**
 * Bytes after a literal's start that checking a hit reads. The largest need is a 63-character v1
 * key with every character escaped as `\u{HH}`/`\uHHHH` (≤ 6 bytes each, 384 with the boundary
 * character) inside base64 (4/3 of that, 512, plus one group): 1024 leaves room.
 */
export const WINDOW_AFTER = 1024;

/**
 * Bytes before a literal's start that checking a hit reads: the byte before a key (its boundary)
 * and the start of the base64 run a key was found in. A run that starts further back is
 * reported from the first 4-character group within this distance.
 */
export const WINDOW_BEFORE = 1024;

/** Decoding layers applied to reach a key: base64 of base64, or escapes inside base64. */
export const MAX_DECODE_DEPTH = 2;

/** The longest key of any rule (`unkey-root-key-v1`, 63 characters). */
export const MAX_KEY_LENGTH = 63;
