// CI logs colour values with terminal escape sequences (`echo -e "\e[33m$KEY"` prints
// ESC [ 3 3 m before the key). The final byte of such a sequence is often a letter, but it ends
// the sequence, so a key right after it is not glued to a word.

const OPEN_BRACKET = 0x5b;
/** Parameter bytes (`0-9:;<=>?`) and intermediate bytes (` !"#…/`) of a CSI sequence. */
const PARAMETER_BYTES: readonly [number, number] = [0x30, 0x3f];
const INTERMEDIATE_BYTES: readonly [number, number] = [0x20, 0x2f];
const FINAL_BYTES: readonly [number, number] = [0x40, 0x7e];
/**
 * Most parameter and intermediate bytes looked at: real colour codes (`38;2;255;255;255`) are
 * far shorter, and the bound keeps a run of digits before a key cheap.
 */
const MAX_CSI_BODY_LENGTH = 32;
/** ESC as a byte, and as source code and JSON logs write it (shell, C, JS, Python, Go). */
const ESC_FORMS = [
  '\u001b',
  '\\e',
  '\\033',
  '\\x1b',
  '\\x1B',
  '\\u001b',
  '\\u001B',
  '\\u{1b}',
  '\\u{1B}',
].map((form) => Uint8Array.from(form, (c) => c.charCodeAt(0)));

const within = (byte: number, [lo, hi]: readonly [number, number]) => byte >= lo && byte <= hi;

function endsWith(bytes: Uint8Array, lo: number, end: number, form: Uint8Array): boolean {
  if (end - form.length < lo) return false;
  for (let i = 0; i < form.length; i++) if (bytes[end - form.length + i] !== form[i]) return false;
  return true;
}

/**
 * Whether a CSI escape sequence (ESC `[` parameters intermediates final) ends just before `at`,
 * all of it at or after `lo`. ESC may be written as `\e`, `\033`, `\x1b`, `\u001b` or `\u{1b}`.
 */
export function endsCsiSequence(bytes: Uint8Array, lo: number, at: number): boolean {
  if (at - 3 < lo || !within(bytes[at - 1] as number, FINAL_BYTES)) return false;
  let i = at - 1;
  const furthest = Math.max(lo, i - MAX_CSI_BODY_LENGTH);
  while (i > furthest && within(bytes[i - 1] as number, INTERMEDIATE_BYTES)) i--;
  while (i > furthest && within(bytes[i - 1] as number, PARAMETER_BYTES)) i--;
  if (i - 1 < lo || bytes[i - 1] !== OPEN_BRACKET) return false;
  return ESC_FORMS.some((form) => endsWith(bytes, lo, i - 1, form));
}
