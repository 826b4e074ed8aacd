import { findAllowMarkers } from './allow-marker.js';
import type { Detector } from './create-detector.js';
import { DetectError } from './errors.js';
import type { Finding } from './finding.js';
import { endOfLine, startOfLine } from './line-bounds.js';
import { LineTracker, placeEvents } from './line-tracker.js';
import { WINDOW_AFTER, WINDOW_BEFORE } from './scan-window.js';
import type { OffsetFinding } from './findings-from-hits.js';
import { findingsFromHits } from './findings-from-hits.js';

/**
 * Bytes kept between chunks: the window before the next unchecked literal and the input not yet
 * checked (which waits for up to two windows so tiny chunks are not rescanned byte by byte).
 */
export const MAX_CARRY_BYTES = WINDOW_BEFORE + 2 * WINDOW_AFTER;
const INITIAL_CAPACITY = 2 * MAX_CARRY_BYTES;
/**
 * Largest buffer kept between chunks: the carry plus room for the next chunk. 1 MiB chunks, as the
 * CLI streams, fit, so they do not reallocate the buffer per chunk.
 */
const MAX_KEPT_CAPACITY = 4 * 1024 * 1024;

/**
 * The `rootguard:allow` markers in [from, to) that can suppress a finding: those on the first
 * line (it may hold an earlier finding), on the lines of `findings`, and on the lines a later
 * finding can be on (later findings lie at `to - WINDOW_BEFORE` or after). Text with no findings
 * is not searched line by line, only its first and last lines.
 */
function neededAllowMarkers(
  bytes: Uint8Array,
  from: number,
  to: number,
  findings: readonly OffsetFinding[],
): number[] {
  const ranges: [number, number][] = [[from, endOfLine(bytes, from, to)]];
  for (const { at } of findings)
    if (at < to)
      ranges.push([startOfLine(bytes, Math.max(from, at), from), endOfLine(bytes, Math.max(from, at), to)]);
  ranges.push([startOfLine(bytes, Math.max(from, to - WINDOW_BEFORE), from), to]);
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let searched = from;
  for (const [start, end] of ranges) {
    const begin = Math.max(start, searched);
    if (begin >= end) continue;
    out.push(...findAllowMarkers(bytes, begin, end));
    searched = end;
  }
  return out;
}

/** Scan input arriving in chunks of any size; memory stays bounded whatever the input size. */
export class StreamScanner {
  readonly #detector: Detector;
  readonly #tracker: LineTracker;
  #buffer = new Uint8Array(INITIAL_CAPACITY);
  #length = 0;
  /** Absolute offset of `#buffer[0]`. */
  #base = 0;
  /** Literals starting before this absolute offset have been checked. */
  #checked = 0;
  #findings: OffsetFinding[] = [];
  #allows: number[] = [];
  #ended = false;

  constructor(detector: Detector, path: string) {
    this.#detector = detector;
    this.#tracker = new LineTracker(path);
  }

  /**
   * Feed the next chunk; returns the findings that are final so far (in input order). What the
   * scanner keeps of `chunk` is copied, so the caller may reuse the chunk's memory at once.
   */
  write(chunk: Uint8Array): Finding[] {
    if (this.#ended)
      throw new DetectError(
        'write-after-end',
        'StreamScanner.write() was called after end(); create a new scanner.',
      );
    this.#append(chunk);
    const out: Finding[] = [];
    const end = this.#base + this.#length;
    if (end - this.#checked >= 2 * WINDOW_AFTER) this.#check(end - WINDOW_AFTER, false, out);
    return out;
  }

  /** End of input; returns the remaining findings. */
  end(): Finding[] {
    if (this.#ended) return [];
    this.#ended = true;
    const out: Finding[] = [];
    this.#check(this.#base + this.#length, true, out);
    this.#tracker.finish(out);
    this.#buffer = new Uint8Array(0);
    this.#length = 0;
    return out;
  }

  /** Checks literals starting before absolute `limit`, then releases what no window needs. */
  #check(limit: number, ended: boolean, out: Finding[]): void {
    const bytes = this.#buffer.subarray(0, this.#length);
    const base = this.#base;
    const hits = this.#detector.prefilter.scan(bytes, this.#checked - base, limit - base, bytes.length);
    const findings = findingsFromHits(this.#detector, bytes, hits);
    for (const finding of findings)
      this.#findings.push({ ...finding, at: finding.at + base, end: finding.end + base });
    for (const at of neededAllowMarkers(bytes, this.#checked - base, limit - base, findings))
      this.#allows.push(at + base);
    this.#checked = limit;
    // Stable sorts: equal offsets keep the order of their literals, as in scanBytes.
    this.#findings.sort((a, b) => a.at - b.at);
    this.#allows.sort((a, b) => a - b);
    // Later literals start at `limit` or after, so nothing will be found before this offset.
    const settled = ended ? Infinity : limit - WINDOW_BEFORE;
    placeEvents(this.#tracker, bytes, base, this.#findings, this.#allows, settled, out);
    this.#tracker.advance(bytes, base, ended ? base + bytes.length : settled, out);
    if (!ended && settled > base) this.#release(settled);
  }

  #release(upTo: number): void {
    const drop = upTo - this.#base;
    this.#buffer.copyWithin(0, drop, this.#length);
    this.#length -= drop;
    this.#base = upTo;
    // A huge chunk grew the buffer: give the memory back once it has been checked. Buffers for
    // ordinary chunk sizes are kept, so a stream of 64 KiB chunks allocates once.
    if (this.#buffer.length > MAX_KEPT_CAPACITY && this.#length < INITIAL_CAPACITY) {
      this.#buffer = this.#buffer.slice(0, INITIAL_CAPACITY);
    }
  }

  #append(chunk: Uint8Array): void {
    if (this.#length + chunk.length > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(2 * this.#buffer.length, this.#length + chunk.length));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#length);
    this.#length += chunk.length;
  }
}
