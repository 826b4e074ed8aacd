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
 * and the line number in the file after that commit.
 */
export class HistoryScanner implements PatchListener {
  readonly findings: GitFinding[] = [];
  readonly #engine: ScanEngine;
  readonly #stats: ScanStats;
  #commit: CommitInfo = { commit: '', date: '', author: '' };
  #path: string | undefined;
  #stream: FindingStream | undefined;
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
    if (this.#stream === undefined) {
      if (this.#path === undefined)
        throw new CliError('git-failed', 'unexpected git output: added lines before a path');
      this.#stream = this.#engine.createStream(this.#path);
      this.#stats.files++;
    }
    this.#fileLine = newLine;
    this.#lines.set(this.#scanLine, newLine);
  }

  addedPiece(piece: Buffer): void {
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
    this.#stats.bytes += bytes.length;
    this.#report(this.#stream?.write(bytes) ?? []);
  }

  #endFile(): void {
    if (this.#stream !== undefined) this.#report(this.#stream.end());
    this.#stream = undefined;
    this.#lines = new LineMap();
    this.#scanLine = 1;
    this.#pendingCr = false;
  }

  #report(findings: readonly Finding[]): void {
    for (const finding of findings) {
      const { commit, author, date } = this.#commit;
      this.findings.push({ ...finding, line: this.#lines.get(finding.line), commit, author, date });
    }
  }
}
