import { decodeBlocks } from './base64-blocks.js';

/**
 * Characters decoded at once from a run (3 KB decoded): enough for every hit over a few thousand
 * characters of a long base64 run, including whole windows (WINDOW_AFTER) when a hit needs one.
 */
export const CACHED_SEGMENT_CHARS = 4096;
/** Segments kept: a few per grid phase, decoder and layer (base64 of base64 decodes twice). */
export const MAX_CACHED_SEGMENTS = 8;

interface Segment {
  readonly buffer: ArrayBufferLike;
  readonly values: Int8Array;
  /** Absolute (buffer) offsets of the first character decoded and of the character it stopped at. */
  readonly start: number;
  readonly stop: number;
  /** Whether `stop` is a character outside the alphabet (the run ends there) rather than a cut. */
  readonly ended: boolean;
  readonly decoded: Uint8Array;
}

/** A view of the whole buffer under `bytes`. */
export function wholeBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.length === bytes.buffer.byteLength) return bytes;
  return new Uint8Array(bytes.buffer);
}

/**
 * `decodeBlocks` for one batch of hits, decoding each stretch of a run once. Hits every few
 * characters of a long base64 run ask for overlapping windows on the same 4-character grid: they
 * get views of one decoded segment instead of decoding ~170 characters each. Positions are taken
 * relative to the underlying buffer, so views of decoded bytes (base64 of base64) share entries too.
 * The bytes must not change while the cache is in use (one `findingsFromHits` call).
 */
export class BlockDecodeCache {
  readonly #segments: Segment[] = [];
  #next = 0;

  /** Exactly `decodeBlocks(bytes, from, end, values)`, possibly a view of a cached segment. */
  decode(bytes: Uint8Array, from: number, end: number, values: Int8Array): Uint8Array {
    const base = bytes.byteOffset;
    const at = base + from;
    const limit = base + Math.min(end, bytes.length);
    const buffer = bytes.buffer;
    for (const segment of this.#segments) {
      if (segment.buffer !== buffer || segment.values !== values) continue;
      if (at < segment.start || at > segment.stop || (at - segment.start) % 4 !== 0) continue;
      // A cut segment says nothing about the characters after its stop.
      if (!segment.ended && limit > segment.stop) continue;
      const stop = Math.max(at, Math.min(limit, segment.stop));
      const first = ((at - segment.start) / 4) * 3;
      return segment.decoded.subarray(first, first + Math.floor(((stop - at) * 3) / 4));
    }
    // Decode the buffer past the view's end too: for decoded bytes (base64 of base64) each hit's
    // view ends a little further into the same segment, and all of them can share one decode.
    // Only bytes within a request's view are ever returned.
    const memory = wholeBuffer(bytes);
    const segmentEnd = Math.min(memory.length, Math.max(limit, at + CACHED_SEGMENT_CHARS));
    const decoded = decodeBlocks(memory, at, segmentEnd, values);
    // decodeBlocks yields ⌊chars · 3/4⌋ bytes, so the character it stopped at is known only up to
    // a partial group: find it again (cheap next to decoding).
    let stop = at;
    while (stop < segmentEnd && (values[memory[stop] as number] ?? -1) >= 0) stop++;
    const segment = { buffer: bytes.buffer, values, start: at, stop, ended: stop < segmentEnd, decoded };
    if (this.#segments.length < MAX_CACHED_SEGMENTS) this.#segments.push(segment);
    else this.#segments[this.#next] = segment;
    this.#next = (this.#next + 1) % MAX_CACHED_SEGMENTS;
    return this.decode(bytes, from, end, values);
  }
}
