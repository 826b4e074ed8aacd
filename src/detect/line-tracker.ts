import type { Finding } from './finding.js';
import { countCodePoints, countLineBreaks } from './line-breaks.js';
import type { OffsetFinding } from './findings-from-hits.js';
import { LF, CR } from './byte-codes.js';

/** Below this many bytes the plain loop is as fast as native searches and ASCII tests. */
const FAST_PATH_MIN_BYTES = 256;

/**
 * Walks the input once, in order, counting lines (LF, CRLF and lone CR each end one, even when CR
 * and LF arrive in different chunks) and code points (bytes that are not UTF-8 continuation
 * bytes). Ranges of 256 bytes or more are not walked byte by byte: their line breaks are counted
 * with native searches and only the last line's code points are counted (`line-breaks.ts`), which
 * is all StreamScanner needs for each region it releases. It places findings and `rootguard:allow`
 * markers on their lines and holds a line's findings until the line ends, because a marker later
 * on the same line suppresses them.
 */
export class LineTracker {
  readonly #path: string;
  #line = 1;
  #column = 0;
  /** Absolute offset of the next byte to walk. */
  #offset = 0;
  #afterCR = false;
  #allowed = false;
  #held: Finding[] = [];

  constructor(path: string) {
    this.#path = path;
  }

  /** Absolute offset up to which the input has been walked. */
  get offset(): number {
    return this.#offset;
  }

  /** Walks up to absolute offset `to`; `bytes[0]` is at absolute offset `base`. */
  advance(bytes: Uint8Array, base: number, to: number, out: Finding[]): void {
    let from = this.#offset - base;
    const end = to - base;
    if (end - from >= FAST_PATH_MIN_BYTES) {
      from = this.#skipLines(bytes, from, end, out);
      // No break lies in [from, end): only the column of the last line moves.
      if (from < end) {
        this.#column += countCodePoints(bytes, from, end);
        this.#afterCR = false;
      }
      this.#offset = Math.max(this.#offset, to);
      return;
    }
    let line = this.#line;
    let column = this.#column;
    let afterCR = this.#afterCR;
    for (let i = from; i < end; i++) {
      const byte = bytes[i] as number;
      if (byte === LF || byte === CR) {
        if (byte === CR || !afterCR) {
          line++;
          column = 0;
          this.#endLine(out);
        }
        afterCR = byte === CR;
        continue;
      }
      afterCR = false;
      if ((byte & 0xc0) !== 0x80) column++;
    }
    this.#line = line;
    this.#column = column;
    this.#afterCR = afterCR;
    this.#offset = Math.max(this.#offset, to);
  }

  /**
   * Counts the line breaks in [from, end) with native searches and flushes the current line once
   * (no events lie in between). Returns where the byte loop must go on: after the last break.
   */
  #skipLines(bytes: Uint8Array, from: number, end: number, out: Finding[]): number {
    const breaks = countLineBreaks(bytes, from, end, this.#afterCR);
    if (breaks.restStart === from) return from;
    this.#line += breaks.count;
    this.#column = 0;
    this.#afterCR = breaks.endsWithCR;
    this.#endLine(out);
    return breaks.restStart;
  }

  /** Places a finding at the current offset (walk to its `at` first). */
  place(finding: OffsetFinding): void {
    this.#held.push({
      ruleId: finding.ruleId,
      path: this.#path,
      line: this.#line,
      column: this.#column + 1,
      fingerprint: finding.fingerprint,
      masked: finding.masked,
      ...(finding.decodedFrom ? { decodedFrom: finding.decodedFrom } : {}),
    });
  }

  /** A `rootguard:allow` marker on the current line. */
  allow(): void {
    this.#allowed = true;
  }

  /** The input ended: the last line ends too. */
  finish(out: Finding[]): void {
    this.#endLine(out);
  }

  #endLine(out: Finding[]): void {
    if (!this.#allowed) for (const finding of this.#held) out.push(finding);
    this.#held = [];
    this.#allowed = false;
  }
}

/**
 * Feeds findings and markers with absolute offset below `upTo` to the tracker in input order
 * (walking `bytes`, whose first byte is at absolute `base`), and removes them from the lists.
 */
export function placeEvents(
  tracker: LineTracker,
  bytes: Uint8Array,
  base: number,
  findings: OffsetFinding[],
  allows: number[],
  upTo: number,
  out: Finding[],
): void {
  let f = 0;
  let a = 0;
  for (;;) {
    const nextFinding = f < findings.length ? (findings[f] as OffsetFinding).at : Infinity;
    const nextAllow = a < allows.length ? (allows[a] as number) : Infinity;
    const next = Math.min(nextFinding, nextAllow);
    if (next >= upTo) break;
    tracker.advance(bytes, base, next, out);
    if (nextAllow <= nextFinding) {
      tracker.allow();
      a++;
    } else {
      tracker.place(findings[f] as OffsetFinding);
      f++;
    }
  }
  findings.splice(0, f);
  allows.splice(0, a);
}
