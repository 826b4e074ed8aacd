import { CliError } from '../errors.js';
import type { Finding } from '../../detect/finding.js';
import type { FindingStream, ScanEngine } from '../scan/scan-engine.js';
import type { GitFinding, ScanStats } from '../scan/scan-result.js';
import { LineMap } from './line-map.js';
import type { CommitInfo, PatchListener } from './patch-parser.js';

const CR = 0x0d;
const LF = 0x0a;
const NEWLINE = Buffer.from('\n');

/**
 * Scans the added lines of each file diff as one stream, and reports findings with the commit
 * and the line number in the file after that commit. git prints every diff as text (`--text`),
 * so our own check decides what is binary: a file diff whose added content holds a NUL byte is
 * skipped and counted, and its findings so far are dropped. Findings wait for the end of their
 * file diff for that reason; the content itself is never held.
 */
export class HistoryScanner implements PatchListener {
  readonly findings: GitFinding[] = [];
  readonly #engine: ScanEngine;
  readonly #stats: ScanStats;
  #commit: CommitInfo = { commit: '', date: '', author: '' };
  #path: string | undefined;
  #stream: FindingStream | undefined;
  /** The current file diff's added content held a NUL: the rest of it is passed over. */
  #binary = false;
  #fileFindings: GitFinding[] = [];
  #fileBytes = 0;
  #lines = new LineMap();
  /** The line the stream scanner is on (1-based), counting its breaks: LF, CRLF and lone CR. */
  #scanLine = 1;
  #fileLine = 0;
  #pendingCr = false;

  constructor(engine: ScanEngine, stats: ScanStats) {
    this.#engine = engine;
    this.#stats = stats;
  }

  commit(info: CommitInfo): void {
    this.#endFile();
    this.#commit = info;
    this.#stats.commits = (this.#stats.commits ?? 0) + 1;
  }

  fileDiff(): void {
    this.#endFile();
    this.#path = undefined;
  }

  newPath(path: string | undefined): void {
    this.#path = path;
  }

  binary(): void {
    this.#stats.skipped++;
  }

  addedLineStart(newLine: number): void {
    if (this.#binary) return;
    if (this.#stream === undefined) {
      if (this.#path === undefined)
        throw new CliError('git-failed', 'unexpected git output: added lines before a path');
      this.#stream = this.#engine.createStream(this.#path);
    }
    this.#fileLine = newLine;
    this.#lines.set(this.#scanLine, newLine);
  }

  addedPiece(piece: Buffer): void {
    if (this.#binary) return;
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
    if (this.#binary) return;
    this.#pendingCr = false;
    this.#write(NEWLINE);
    this.#scanLine++;
  }

  /** End of git's output. */
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
    if (this.#binary) this.#stats.skipped++;
    else if (this.#stream !== undefined) {
      this.#collect(this.#stream.end());
      this.#stats.files++;
      this.#stats.bytes += this.#fileBytes;
      for (const finding of this.#fileFindings) this.findings.push(finding);
    }
    this.#stream = undefined;
    this.#binary = false;
    this.#fileFindings = [];
    this.#fileBytes = 0;
    this.#lines = new LineMap();
    this.#scanLine = 1;
    this.#pendingCr = false;
  }

  #collect(findings: readonly Finding[]): void {
    for (const finding of findings) {
      const { commit, author, date } = this.#commit;
      this.#fileFindings.push({ ...finding, line: this.#lines.get(finding.line), commit, author, date });
    }
  }
}
