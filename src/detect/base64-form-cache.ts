import { CACHED_SEGMENT_CHARS, wholeBuffer } from './block-decode-cache.js';

const DASH = 0x2d;
const UNDERSCORE = 0x5f;
const PLUS = 0x2b;
const SLASH = 0x2f;
/** Stretches remembered: one per layer of a run (base64 of base64) and a spare. */
const MAX_CACHED_STRETCHES = 4;

/** Which base64 form a stretch of a run shows: `-`/`_` (URL-safe) and `+`/`/` (standard). */
export interface Base64Forms {
  readonly url: boolean;
  readonly standard: boolean;
}

interface Stretch {
  readonly buffer: ArrayBufferLike;
  /** Absolute (buffer) offsets: the stretch scanned and where the scan stopped. */
  readonly start: number;
  readonly end: number;
  /** Whether `end` is a character outside both alphabets (the run ends there). */
  readonly ended: boolean;
  /** For each offset from `start`: the offset (from `start`) of the next `-`/`_` (and `+`/`/`) before `end`, or -1. */
  readonly nextUrl: Int32Array;
  readonly nextStandard: Int32Array;
}

/** Whether `code` is a character of either base64 alphabet. */
export function isAnyBase64(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === DASH ||
    code === UNDERSCORE ||
    code === PLUS ||
    code === SLASH
  );
}

const NONE: Base64Forms = { url: false, standard: false };
const URL_ONLY: Base64Forms = { url: true, standard: false };
const STANDARD_ONLY: Base64Forms = { url: false, standard: true };
const BOTH: Base64Forms = { url: true, standard: true };

/**
 * The forms seen in a run from `start` to `to` (or the run's end), for one batch of hits. A stretch
 * of a run is scanned once, noting where the next character of each form is, instead of ~170
 * characters per hit. The bytes must not change while the cache is in use (one `findingsFromHits` call).
 */
export class Base64FormCache {
  readonly #stretches: Stretch[] = [];
  #next = 0;

  forms(bytes: Uint8Array, start: number, to: number): Base64Forms {
    const at = bytes.byteOffset + start;
    const limit = bytes.byteOffset + Math.min(to, bytes.length);
    const buffer = bytes.buffer;
    for (const stretch of this.#stretches) {
      if (stretch.buffer !== buffer || at < stretch.start || at > stretch.end) continue;
      const nextUrl = stretch.nextUrl[at - stretch.start] as number;
      const nextStandard = stretch.nextStandard[at - stretch.start] as number;
      // Past a cut stretch's end, a form not seen yet may still come before `limit`.
      const known = stretch.ended || limit <= stretch.end;
      if ((nextUrl >= 0 || known) && (nextStandard >= 0 || known)) {
        const url = nextUrl >= 0 && stretch.start + nextUrl < limit;
        return pick(url, nextStandard >= 0 && stretch.start + nextStandard < limit);
      }
    }
    return this.#scan(bytes, start, to);
  }

  #scan(bytes: Uint8Array, start: number, to: number): Base64Forms {
    // The buffer past the view's end is scanned too (see BlockDecodeCache); answers stop at the view's end.
    const memory = wholeBuffer(bytes);
    const from = bytes.byteOffset + start;
    const limit = bytes.byteOffset + Math.min(to, bytes.length);
    const cap = Math.min(memory.length, Math.max(limit, from + CACHED_SEGMENT_CHARS));
    let end = from;
    while (end < cap && isAnyBase64(memory[end] as number)) end++;
    const nextUrl = new Int32Array(end - from + 1).fill(-1);
    const nextStandard = new Int32Array(end - from + 1).fill(-1);
    for (let i = end - 1; i >= from; i--) {
      const code = memory[i] as number;
      const url = code === DASH || code === UNDERSCORE;
      const standard = code === PLUS || code === SLASH;
      nextUrl[i - from] = url ? i - from : (nextUrl[i - from + 1] as number);
      nextStandard[i - from] = standard ? i - from : (nextStandard[i - from + 1] as number);
    }
    const stretch = { buffer: bytes.buffer, start: from, end, ended: end < cap, nextUrl, nextStandard };
    if (this.#stretches.length < MAX_CACHED_STRETCHES) this.#stretches.push(stretch);
    else this.#stretches[this.#next] = stretch;
    this.#next = (this.#next + 1) % MAX_CACHED_STRETCHES;
    return this.forms(bytes, start, to);
  }
}

function pick(url: boolean, standard: boolean): Base64Forms {
  if (url) return standard ? BOTH : URL_ONLY;
  return standard ? STANDARD_ONLY : NONE;
}
