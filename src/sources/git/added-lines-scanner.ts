import type { Finding } from '../../detect/finding.js';
import { SourceError } from '../errors.js';
import type { FindingStream } from '../finding-stream.js';
import { LineMap } from './line-map.js';
import type { CommitInfo, PatchListener } from './patch-parser.js';

const CR = 0x0d;
const LF = 0x0a;
const NEWLINE = Buffer.from('\n');

/** A finding in an added line, with the line number in the file after the commit. */
export interface AddedLineFinding {
  readonly finding: Finding;
  readonly commit: CommitInfo;
}

/** What `AddedLinesScanner` read. */
export interface AddedLinesCounts {
  commits: number;
  /** File diffs whose added lines were scanned. */
  files: number;
  /** Bytes of added lines scanned. */
  bytes: number;
  /** File diffs skipped as binary (git's `Binary files` line, or a NUL in their added lines). */
  binary: number;
  /** File diffs left out because `createStream` declined their path. */
  declined: number;
}

/**
 * Scans the added lines of each file diff as one stream and reports findings with the commit and
 * the line number in the file after that commit. A file diff whose added content holds a NUL is
 * binary: skipped, counted, and its findings so far dropped; findings therefore wait for the end
 * of their file diff. The content itself is never held. Used for `git log -p` output (CLI and
 * clone path) and for the `patch` of GitHub's compare and commit APIs.
 */
export class AddedLinesScanner implements PatchListener {
  readonly findings: AddedLineFinding[] = [];
  readonly counts: AddedLinesCounts = { commits: 0, files: 0, bytes: 0, binary: 0, declined: 0 };
  readonly #createStream: (path: string) => FindingStream | undefined;
  #commit: CommitInfo = { commit: '', date: '', author: '' };
  #path: string | undefined;
  #stream: FindingStream | undefined;
  /** `createStream` declined the current file: its lines are passed over. */
  #declined = false;
  #binary = false;
  #fileFindings: AddedLineFinding[] = [];
  #fileBytes = 0;
  #lines = new LineMap();
  /** The line the stream scanner is on (1-based), counting its breaks: LF, CRLF and lone CR. */
  #scanLine = 1;
  #fileLine = 0;
  #pendingCr = false;

  /** `createStream` returns `undefined` for a path that is not to be scanned (counted as declined). */
  constructor(createStream: (path: string) => FindingStream | undefined) {
    this.#createStream = createStream;
  }

  /** Bytes of added lines read so far, including the file diff in progress. */
  get bytesRead(): number {
    return this.counts.bytes + this.#fileBytes;
  }

  commit(info: CommitInfo): void {
    this.#endFile();
    this.#commit = info;
    this.counts.commits++;
  }

  fileDiff(): void {
    this.#endFile();
    this.#path = undefined;
  }

  newPath(path: string | undefined): void {
    this.#path = path;
  }

  binary(): void {
    this.counts.binary++;
  }

  addedLineStart(newLine: number): void {
    if (this.#binary || this.#declined) return;
    if (this.#stream === undefined) {
      if (this.#path === undefined)
        throw new SourceError('bad-git-output', 'unexpected git output: added lines before a path');
      const stream = this.#createStream(this.#path);
      if (stream === undefined) {
        this.#declined = true;
        return;
      }
      this.#stream = stream;
    }
    this.#fileLine = newLine;
    this.#lines.set(this.#scanLine, newLine);
  }

  addedPiece(piece: Buffer): void {
    if (this.#binary || this.#declined) return;
    if (piece.includes(0)) {
      this.#markBinary();
      return;
    }
    if (this.#pendingCr && piece[0] !== LF) this.#loneCr();
    this.#pendingCr = false;
    // A lone CR is a line break to the scanner but not to git: keep both counts in step.
    for (let at = piece.indexOf(CR); at !== -1; at = piece.indexOf(CR, at + 1)) {
      if (at === piece.length - 1) this.#pendingCr = true;
      else if (piece[at + 1] !== LF) this.#loneCr();
    }
    this.#write(piece);
  }

  addedLineEnd(): void {
    if (this.#binary || this.#declined) return;
    this.#pendingCr = false;
    this.#write(NEWLINE);
    this.#scanLine++;
  }

  /** End of the input: the file diff in progress ends. */
  end(): void {
    this.#endFile();
  }

  #loneCr(): void {
    this.#scanLine++;
    this.#lines.set(this.#scanLine, this.#fileLine);
  }

  #write(bytes: Buffer): void {
    this.#fileBytes += bytes.length;
    this.#collect(this.#stream?.write(bytes) ?? []);
  }

  #markBinary(): void {
    this.#binary = true;
    this.#stream = undefined;
    this.#fileFindings = [];
  }

  #endFile(): void {
    if (this.#binary) this.counts.binary++;
    else if (this.#declined) this.counts.declined++;
    else if (this.#stream !== undefined) {
      this.#collect(this.#stream.end());
      this.counts.files++;
      this.counts.bytes += this.#fileBytes;
      for (const finding of this.#fileFindings) this.findings.push(finding);
    }
    this.#stream = undefined;
    this.#binary = false;
    this.#declined = false;
    this.#fileFindings = [];
    this.#fileBytes = 0;
    this.#lines = new LineMap();
    this.#scanLine = 1;
    this.#pendingCr = false;
  }

  #collect(findings: readonly Finding[]): void {
    for (const finding of findings)
      this.#fileFindings.push({
        finding: { ...finding, line: this.#lines.get(finding.line) },
        commit: this.#commit,
      });
  }
}
