import type { Detector } from '../../detect/create-detector.js';
import type { Finding } from '../../detect/finding.js';
import { StreamScanner } from '../../detect/stream-scanner.js';
import { LineMap } from '../git/line-map.js';
import { LineSplitter, type LineSink } from '../git/line-splitter.js';
import { LOG_LINE_HEAD_BYTES } from '../limits.js';
import { LineTimes } from './line-times.js';
import { readLogTimestamp } from './log-timestamp.js';

const CR = 0x0d;
const LF = 0x0a;
const NEWLINE = Buffer.from('\n');
const GROUP = /^##\[group\](.*)$/;
const HASH = 0x23;
const GROUP_MARKER = Buffer.from('##[group]');
/** Stripped text is gathered into chunks of this size for the scanner (one write per line is slow). */
const OUT_CHUNK_BYTES = 64 * 1024;

/** A finding in a log, with the log's line number, the line's time and its `##[group]`. */
export interface LogFinding {
  /** `line` is the line of the log as GitHub serves it (timestamps stripped, lines kept 1:1). */
  readonly finding: Finding;
  /** The line's timestamp (or the last one before it), epoch milliseconds. */
  readonly time?: number;
  /** The text of the last `##[group]` marker before the line. */
  readonly group?: string;
}

/**
 * Scans a GitHub Actions log as it streams in: strips each line's leading timestamp (also when a
 * chunk ends inside it), scans the rest with a `StreamScanner`, and maps findings back to the
 * log's lines, their times and `##[group]` sections. Holds no log content beyond a line's head.
 */
export class LogScanner implements LineSink {
  readonly #scanner: StreamScanner;
  readonly #splitter = new LineSplitter(this);
  readonly #lines = new LineMap();
  readonly #times = new LineTimes();
  readonly #groupLines: number[] = [];
  readonly #groups: string[] = [];
  readonly #found: Finding[] = [];
  /** 1-based log line being read. */
  #logLine = 0;
  /** 1-based line of the scanner's input (counts lone CRs as the scanner does). */
  #scanLine = 1;
  #head: Buffer[] = [];
  #headBytes = 0;
  #headDone = false;
  #pendingCr = false;
  #bytes = 0;
  readonly #out = Buffer.allocUnsafe(OUT_CHUNK_BYTES);
  #outLength = 0;

  constructor(detector: Detector, label: string) {
    this.#scanner = new StreamScanner(detector, label);
  }

  /** Bytes passed to the detector so far (timestamps stripped). */
  get bytesScanned(): number {
    return this.#bytes;
  }

  write(chunk: Uint8Array): void {
    this.#splitter.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  /** End of the log; returns every finding, placed. */
  end(): LogFinding[] {
    this.#splitter.end();
    this.#flush();
    this.#found.push(...this.#scanner.end());
    return this.#found.map((finding) => this.#place(finding));
  }

  linePiece(piece: Buffer, start: boolean): void {
    if (start) {
      this.#logLine++;
      this.#lines.set(this.#scanLine, this.#logLine);
      this.#head = [];
      this.#headBytes = 0;
      this.#headDone = false;
      this.#pendingCr = false;
    }
    if (this.#headDone) return this.#content(piece);
    this.#head.push(piece);
    this.#headBytes += piece.length;
    if (this.#headBytes >= LOG_LINE_HEAD_BYTES) this.#readHead();
  }

  lineEnd(): void {
    if (!this.#headDone) this.#readHead();
    this.#pendingCr = false;
    this.#emit(NEWLINE);
    this.#scanLine++;
  }

  /** Reads the line's head: its timestamp (stripped) and a `##[group]` marker; passes the rest on. */
  #readHead(): void {
    this.#headDone = true;
    const head = this.#head.length === 1 ? (this.#head[0] as Buffer) : Buffer.concat(this.#head);
    this.#head = [];
    const stamp = readLogTimestamp(head);
    const from = stamp?.length ?? 0;
    if (stamp !== undefined) this.#times.set(this.#logLine, stamp.ms);
    if (head[from] === HASH && head[from + 1] === HASH && head.includes(GROUP_MARKER, from)) {
      const group = GROUP.exec(head.toString('utf8', from).replace(/\r$/, ''));
      if (group?.[1] !== undefined) {
        this.#groupLines.push(this.#logLine);
        this.#groups.push(group[1].trim());
      }
    }
    this.#content(head, from);
  }

  #content(piece: Buffer, from = 0): void {
    if (piece.length <= from) return;
    if (this.#pendingCr && piece[from] !== LF) this.#loneCr();
    this.#pendingCr = false;
    // A lone CR (progress output) is a line break to the scanner but not to the log.
    for (let at = piece.indexOf(CR, from); at !== -1; at = piece.indexOf(CR, at + 1)) {
      if (at === piece.length - 1) this.#pendingCr = true;
      else if (piece[at + 1] !== LF) this.#loneCr();
    }
    this.#emit(piece, from);
  }

  #loneCr(): void {
    this.#scanLine++;
    this.#lines.set(this.#scanLine, this.#logLine);
  }

  #emit(bytes: Buffer, from = 0): void {
    const length = bytes.length - from;
    this.#bytes += length;
    if (length > OUT_CHUNK_BYTES - this.#outLength) this.#flush();
    if (length >= OUT_CHUNK_BYTES) this.#found.push(...this.#scanner.write(bytes.subarray(from)));
    else {
      bytes.copy(this.#out, this.#outLength, from);
      this.#outLength += length;
    }
  }

  /** Passes the gathered text on; the scanner copies what it keeps, so the buffer is reused. */
  #flush(): void {
    if (this.#outLength === 0) return;
    this.#found.push(...this.#scanner.write(this.#out.subarray(0, this.#outLength)));
    this.#outLength = 0;
  }

  #place(finding: Finding): LogFinding {
    const line = this.#lines.get(finding.line);
    const time = this.#times.get(line);
    const group = this.#groupAt(line);
    return {
      finding: { ...finding, line },
      ...(time === undefined ? {} : { time }),
      ...(group === undefined ? {} : { group }),
    };
  }

  #groupAt(line: number): string | undefined {
    let low = 0;
    let high = this.#groupLines.length - 1;
    let found: string | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((this.#groupLines[mid] ?? Infinity) <= line) {
        found = this.#groups[mid];
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }
}
