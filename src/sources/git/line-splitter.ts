const LF = 0x0a;

/** Receives a byte stream line by line, in pieces, so that no line has to be held whole. */
export interface LineSink {
  /** A piece of the current line; `start` is true for the first piece of a line. */
  linePiece(piece: Buffer, start: boolean): void;
  /** The current line ended (its `\n` is not passed on). */
  lineEnd(): void;
}

/** Cuts a byte stream at `\n` and hands each line's pieces to a sink as they arrive. */
export class LineSplitter {
  readonly #sink: LineSink;
  #atLineStart = true;

  constructor(sink: LineSink) {
    this.#sink = sink;
  }

  write(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      const newline = chunk.indexOf(LF, from);
      const to = newline === -1 ? chunk.length : newline;
      if (to > from) this.#sink.linePiece(chunk.subarray(from, to), this.#atLineStart);
      else if (this.#atLineStart) this.#sink.linePiece(chunk.subarray(from, from), true);
      this.#atLineStart = false;
      if (newline === -1) return;
      this.#sink.lineEnd();
      this.#atLineStart = true;
      from = newline + 1;
    }
  }

  /** End of input: a last line without `\n` still ends. */
  end(): void {
    if (!this.#atLineStart) this.#sink.lineEnd();
    this.#atLineStart = true;
  }
}
