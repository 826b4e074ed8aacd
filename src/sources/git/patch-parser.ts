import type { LineSink } from './line-splitter.js';
import { parseDiffPath } from './parse-diff-path.js';

/** Header lines longer than this are cut: only their start (a path, hunk ranges) is read. */
export const MAX_HEADER_LINE_BYTES = 64 * 1024;

const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** A commit header, as `PatchParser` expects it from `--format=%x00%H%x00%aI%x00%an <%ae>`. */
export interface CommitInfo {
  readonly commit: string;
  readonly date: string;
  readonly author: string;
}

/** What `PatchParser` finds in `git log -p -U0` output, in order. */
export interface PatchListener {
  commit(info: CommitInfo): void;
  /** A file's diff begins (`diff --git`). */
  fileDiff(): void;
  /** The file's path after the commit (`+++`); `undefined` when the commit deleted it. */
  newPath(path: string | undefined): void;
  /** The file's diff is binary (`Binary files … differ`; `scan --git` asks for `--text`, so only a git that ignores it). */
  binary(): void;
  /** An added line begins; it is line `newLine` of the file after the commit. */
  addedLineStart(newLine: number): void;
  /** A piece of the added line's content (without the leading `+` and the `\n`). */
  addedPiece(piece: Buffer): void;
  addedLineEnd(): void;
}

/** The git log format that `PatchParser` reads commit headers from. */
export const COMMIT_HEADER_FORMAT = '--format=%x00%H%x00%aI%x00%an <%ae>';

/**
 * Reads `git log -p -U0` output line by line and reports commits, files and added lines. Hunk
 * line counts, not the look of a line, tell content from headers, so an added line reading
 * `++ b/x` or `@@` is content. Added lines are passed on in pieces, never held whole.
 */
export class PatchParser implements LineSink {
  readonly #listener: PatchListener;
  #kind: 'added' | 'skipped' | 'header' = 'header';
  #header: Buffer[] = [];
  #headerBytes = 0;
  #oldLeft = 0;
  #newLeft = 0;
  #nextNewLine = 0;

  constructor(listener: PatchListener) {
    this.#listener = listener;
  }

  linePiece(piece: Buffer, start: boolean): void {
    const rest = start ? this.#startLine(piece) : piece;
    if (this.#kind === 'added') {
      if (rest.length > 0) this.#listener.addedPiece(rest);
    } else if (this.#kind === 'header' && this.#headerBytes < MAX_HEADER_LINE_BYTES) {
      const part = rest.subarray(0, MAX_HEADER_LINE_BYTES - this.#headerBytes);
      this.#header.push(part);
      this.#headerBytes += part.length;
    }
  }

  lineEnd(): void {
    if (this.#kind === 'added') this.#listener.addedLineEnd();
    else if (this.#kind === 'header') this.#readHeader(Buffer.concat(this.#header).toString('utf8'));
  }

  #startLine(piece: Buffer): Buffer {
    if (this.#oldLeft > 0 || this.#newLeft > 0) {
      const first = piece[0];
      if (first === PLUS) {
        this.#kind = 'added';
        this.#newLeft--;
        this.#listener.addedLineStart(this.#nextNewLine++);
        return piece.subarray(1);
      }
      this.#kind = 'skipped';
      if (first === MINUS) this.#oldLeft--;
      else if (first === SPACE) {
        this.#oldLeft--;
        this.#newLeft--;
        this.#nextNewLine++;
      } else if (first !== BACKSLASH) {
        // Not a hunk line although the counts say so: read it as a header rather than as content.
        this.#oldLeft = 0;
        this.#newLeft = 0;
        this.#kind = 'header';
      }
      if (this.#kind === 'skipped') return piece;
    }
    this.#kind = 'header';
    this.#header = [];
    this.#headerBytes = 0;
    return piece;
  }

  #readHeader(line: string): void {
    if (line.startsWith('\0')) {
      const [, commit = '', date = '', author = ''] = line.split('\0');
      this.#listener.commit({ commit, date, author });
    } else if (line.startsWith('diff --git ')) this.#listener.fileDiff();
    else if (line.startsWith('+++ ')) this.#listener.newPath(parseDiffPath(line.slice(4)));
    else if (line.startsWith('Binary files ')) this.#listener.binary();
    else {
      const hunk = HUNK_HEADER.exec(line);
      if (!hunk) return;
      this.#oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      this.#newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      this.#nextNewLine = Number(hunk[2]);
    }
  }
}
