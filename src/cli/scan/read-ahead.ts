import { close, fstat, open, read } from 'node:fs';
import { promisify } from 'node:util';
import { CliError, describeSystemError } from '../errors.js';

/** Files up to this size are read whole into a reused buffer; larger ones are streamed. */
export const WHOLE_FILE_MAX_BYTES = 8 * 1024 * 1024;

/**
 * How many files are being read (on libuv's thread pool) while the main thread scans the one
 * before them. Memory bound: each of them and the file being scanned holds one reused buffer of
 * at most `WHOLE_FILE_MAX_BYTES + 1` bytes, so `READ_AHEAD_MAX_BUFFER_BYTES` in all.
 */
export const READ_AHEAD_FILES = 4;

/** The most bytes of file buffers a scan holds: `(READ_AHEAD_FILES + 1) × (WHOLE_FILE_MAX_BYTES + 1)`. */
export const READ_AHEAD_MAX_BUFFER_BYTES = (READ_AHEAD_FILES + 1) * (WHOLE_FILE_MAX_BYTES + 1);

const INITIAL_BUFFER_BYTES = 64 * 1024;

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const readAsync = promisify(read);
const closeAsync = promisify(close);

/** A file as read ahead: its content, or an open descriptor when it is too large to read whole. */
export type ReadFile =
  | { readonly kind: 'whole'; readonly file: string; readonly bytes: Buffer }
  | { readonly kind: 'large'; readonly file: string; readonly fd: number };

/** A whole file with the reused buffer its bytes lie in, to give back once scanned. */
type WholeRead = Extract<ReadFile, { kind: 'whole' }> & { readonly slot: Buffer };

type Pending = Promise<
  WholeRead | Extract<ReadFile, { kind: 'large' }> | { readonly kind: 'error'; readonly error: CliError }
>;

/** The error for a file that cannot be read, naming it (never its content). */
export function unreadableFile(file: string, error: unknown): CliError {
  return new CliError('unreadable-path', `cannot read ${file}: ${describeSystemError(error)}`);
}

/**
 * Reads the files of `files` ahead of their use, `READ_AHEAD_FILES` at a time, and hands them
 * out in their order. A `whole` file's bytes stay valid until the next call of `next`; a `large`
 * file's descriptor belongs to the caller, who closes it. `dispose` releases what is in flight.
 */
export class ReadAhead {
  readonly #files: Iterator<string>;
  readonly #pending: Pending[] = [];
  /** Buffers free for the next read: the one handed out last comes back on the next call. */
  readonly #free: Buffer[] = [];
  #handedOut: Buffer | undefined;
  #walkDone = false;

  constructor(files: Iterable<string>) {
    this.#files = files[Symbol.iterator]();
  }

  /** The next file in order, or `undefined` after the last; throws `CliError` when unreadable. */
  async next(): Promise<ReadFile | undefined> {
    if (this.#handedOut) this.#free.push(this.#handedOut);
    this.#handedOut = undefined;
    this.#fill();
    const head = this.#pending.shift();
    if (head === undefined) return undefined;
    const result = await head;
    this.#fill();
    if (result.kind === 'error') throw result.error;
    if (result.kind === 'whole') this.#handedOut = result.slot;
    return result;
  }

  /** Waits for the reads in flight and closes what they opened (after an error or early stop). */
  async dispose(): Promise<void> {
    for (const result of await Promise.all(this.#pending.splice(0))) {
      if (result.kind === 'large') await closeAsync(result.fd).catch(() => undefined);
    }
  }

  #fill(): void {
    while (!this.#walkDone && this.#pending.length < READ_AHEAD_FILES) {
      // The walk runs here, on the main thread, between scans: it is synchronous and cheap.
      const step = this.#files.next();
      if (step.done === true) {
        this.#walkDone = true;
        return;
      }
      const file = step.value;
      this.#pending.push(
        this.#read(file).catch((error: unknown) => ({ kind: 'error', error: unreadableFile(file, error) })),
      );
    }
  }

  async #read(file: string): Promise<WholeRead | Extract<ReadFile, { kind: 'large' }>> {
    const fd = await openAsync(file, 'r');
    let handedOver = false;
    try {
      // Most files fit in a pooled buffer: open, one read, close. Thread-pool round trips cost
      // more than the reads of small files, so the size is asked only when the buffer fills.
      let buffer = this.#free.pop() ?? Buffer.allocUnsafe(INITIAL_BUFFER_BYTES);
      let length = (await readAsync(fd, buffer, 0, buffer.length, 0)).bytesRead;
      if (length === buffer.length) {
        const { size } = await fstatAsync(fd);
        if (size > WHOLE_FILE_MAX_BYTES) {
          handedOver = true;
          return { kind: 'large', file, fd };
        }
        // One byte of room past the size, so that end of file is seen without a second buffer.
        buffer = grow(buffer, length, bufferBytesFor(size + 1));
        for (;;) {
          if (length === buffer.length) buffer = grow(buffer, length, buffer.length * 2); // grew while read
          const { bytesRead } = await readAsync(fd, buffer, length, buffer.length - length, length);
          if (bytesRead === 0) break;
          length += bytesRead;
        }
      }
      return { kind: 'whole', file, bytes: buffer.subarray(0, length), slot: buffer };
    } finally {
      if (!handedOver) await closeAsync(fd);
    }
  }
}

/** Room for `n` bytes, rounded up to a power of two but never past the whole-file limit (+1). */
function bufferBytesFor(n: number): number {
  const rounded = 2 ** Math.ceil(Math.log2(Math.max(n, INITIAL_BUFFER_BYTES)));
  return Math.max(n, Math.min(rounded, WHOLE_FILE_MAX_BYTES + 1));
}

/** A buffer of `bytes` (at least) holding the first `length` bytes of `buffer`. */
function grow(buffer: Buffer, length: number, bytes: number): Buffer {
  if (bytes <= buffer.length) return buffer;
  const bigger = Buffer.allocUnsafe(bytes);
  buffer.copy(bigger, 0, 0, length);
  return bigger;
}
