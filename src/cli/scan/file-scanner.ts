import { read } from 'node:fs';
import { promisify } from 'node:util';
import type { Finding } from '../../detect/finding.js';
import { isBinary } from './is-binary.js';
import type { ReadFile } from './read-ahead.js';
import type { ScanEngine } from './scan-engine.js';

/** The chunk size when streaming a large file: memory stays at about this much per file. */
export const STREAM_CHUNK_BYTES = 1024 * 1024;

const readAsync = promisify(read);

/** A file scanned as text, or passed over as binary. */
export type FileScanOutcome =
  | { readonly kind: 'text'; readonly bytes: number; readonly findings: readonly Finding[] }
  | { readonly kind: 'binary' };

/** Scans files as `ReadAhead` hands them out: whole in one call, or streamed when large. */
export class FileScanner {
  readonly #engine: ScanEngine;

  constructor(engine: ScanEngine) {
    this.#engine = engine;
  }

  /** Scans `read`, reporting its findings under `reportPath`; a large file is read here (not closed). */
  async scan(read: ReadFile, reportPath: string): Promise<FileScanOutcome> {
    if (read.kind === 'large') return this.#stream(read.fd, reportPath);
    if (isBinary(read.bytes)) return { kind: 'binary' };
    return {
      kind: 'text',
      bytes: read.bytes.length,
      findings: this.#engine.scanBytes(read.bytes, reportPath),
    };
  }

  async #stream(fd: number, reportPath: string): Promise<FileScanOutcome> {
    const stream = this.#engine.createStream(reportPath);
    const findings: Finding[] = [];
    let total = 0;
    for (;;) {
      // A fresh chunk each time: the stream scanner may keep the tail of the previous one.
      const chunk = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
      // At explicit offsets from 0: `ReadAhead` has already read the file's head.
      const { bytesRead } = await readAsync(fd, chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      const piece = chunk.subarray(0, bytesRead);
      if (total === 0 && isBinary(piece)) return { kind: 'binary' };
      total += bytesRead;
      for (const finding of stream.write(piece)) findings.push(finding);
    }
    for (const finding of stream.end()) findings.push(finding);
    return { kind: 'text', bytes: total, findings };
  }
}
