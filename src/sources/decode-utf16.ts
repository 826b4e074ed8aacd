import { BINARY_SNIFF_BYTES } from './is-binary.js';

/** Share of the sniffed code units that must be ASCII written in UTF-16 to call BOM-less bytes UTF-16. */
const ASCII_UNIT_SHARE = 0.9;

function byteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Without a byte order mark: mostly ASCII text, so one byte of each pair is NUL and the other not.
  const units = Math.floor(Math.min(bytes.length, BINARY_SNIFF_BYTES) / 2);
  if (units === 0) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < units; i++) {
    const [a, b] = [bytes[2 * i] as number, bytes[2 * i + 1] as number];
    if (a !== 0 && b === 0) le++;
    else if (a === 0 && b !== 0) be++;
  }
  if (le >= units * ASCII_UNIT_SHARE) return 'utf-16le';
  if (be >= units * ASCII_UNIT_SHARE) return 'utf-16be';
  return undefined;
}

/**
 * A file git calls binary (a NUL byte) that is UTF-16 text (Windows tools, PowerShell and `.reg`
 * files write it), as UTF-8 bytes to scan: by its byte order mark, or without one when nearly every
 * code unit of its start is ASCII. Lines and columns stay those of the file. Undefined for any
 * other binary file, and for bytes that are not valid UTF-16.
 */
export function decodeUtf16(bytes: Uint8Array): Uint8Array | undefined {
  const encoding = byteOrder(bytes);
  if (encoding === undefined || bytes.length % 2 !== 0) return undefined;
  try {
    return Buffer.from(new TextDecoder(encoding, { fatal: true }).decode(bytes), 'utf8');
  } catch {
    return undefined;
  }
}
