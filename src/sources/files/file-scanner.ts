import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Finding } from '../../detect/finding.js';
import { describeSystemError } from '../../config/describe-system-error.js';
import { SourceError } from '../errors.js';
import { isBinary } from '../is-binary.js';
import type { ScanEngine } from '../scan-engine.js';

/** Files up to this size are read whole into one reused buffer; larger ones are streamed. */
export const WHOLE_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** The chunk size when streaming a large file: memory stays at about this much per file. */
export const STREAM_CHUNK_BYTES = 1024 * 1024;
const INITIAL_BUFFER_BYTES = 64 * 1024;

/** A file scanned as text, or passed over as binary. */
export type FileScanOutcome =
  | { readonly kind: 'text'; readonly bytes: number; readonly findings: readonly Finding[] }
  | { readonly kind: 'binary' };

/**
 * Reads files one at a time with synchronous reads (no thread-pool round trip per file) into a
 * buffer reused across files, so that scanning many small files allocates almost nothing.
 */
export class FileScanner {
  readonly #engine: ScanEngine;
  #buffer: Buffer = Buffer.allocUnsafe(INITIAL_BUFFER_BYTES);

  constructor(engine: ScanEngine) {
    this.#engine = engine;
  }

  /** Scans the file at `file`, reporting its findings under `reportPath`. */
  scan(file: string, reportPath: string): FileScanOutcome {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (error) {
      throw new SourceError('unreadable-path', `cannot read ${file}: ${describeSystemError(error)}`);
    }
    try {
      return this.#scanOpen(fd, reportPath);
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw new SourceError('unreadable-path', `cannot read ${file}: ${describeSystemError(error)}`);
    } finally {
      closeSync(fd);
    }
  }

  #scanOpen(fd: number, reportPath: string): FileScanOutcome {
    // Most files fit in the reused buffer: read first, and ask for the size only when it fills
    // (one system call and one Stats object fewer per file).
    let length = readSync(fd, this.#buffer, 0, this.#buffer.length, null);
    if (length === this.#buffer.length) {
      const size = fstatSync(fd).size;
      if (size > WHOLE_FILE_MAX_BYTES) return this.#stream(fd, reportPath);
      // One byte of room past the size, so that end of file is seen without a second buffer.
      if (this.#buffer.length < size + 1) this.#buffer = grow(this.#buffer, length, bufferBytesFor(size + 1));
    }
    for (;;) {
      if (length === this.#buffer.length) this.#buffer = grow(this.#buffer, length, length * 2); // grew while read
      const read = readSync(fd, this.#buffer, length, this.#buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    const bytes = this.#buffer.subarray(0, length);
    if (isBinary(bytes)) return { kind: 'binary' };
    return { kind: 'text', bytes: length, findings: this.#engine.scanBytes(bytes, reportPath) };
  }

  #stream(fd: number, reportPath: string): FileScanOutcome {
    const stream = this.#engine.createStream(reportPath);
    const findings: Finding[] = [];
    let total = 0;
    // One chunk for the whole file: the stream copies what it keeps of each one.
    const chunk = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
    for (;;) {
      // At offsets from 0: `#scanOpen` has already read the head of the file.
      const read = readSync(fd, chunk, 0, chunk.length, total);
      if (read === 0) break;
      const piece = chunk.subarray(0, read);
      if (total === 0 && isBinary(piece)) return { kind: 'binary' };
      total += read;
      for (const finding of stream.write(piece)) findings.push(finding);
    }
    for (const finding of stream.end()) findings.push(finding);
    return { kind: 'text', bytes: total, findings };
  }
}

/** Room for `n` bytes, rounded up to a power of two but never past the whole-file limit (+1). */
function bufferBytesFor(n: number): number {
  const rounded = 2 ** Math.ceil(Math.log2(Math.max(n, INITIAL_BUFFER_BYTES)));
  return Math.max(n, Math.min(rounded, WHOLE_FILE_MAX_BYTES + 1));
}

/** A buffer of `bytes` holding the first `length` bytes of `buffer`. */
function grow(buffer: Buffer, length: number, bytes: number): Buffer {
  const bigger = Buffer.allocUnsafe(bytes);
  buffer.copy(bigger, 0, 0, length);
  return bigger;
}
