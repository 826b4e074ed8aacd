import { SourceError } from '../errors.js';
import { AddedLinesScanner } from '../git/added-lines-scanner.js';
import type { CommitInfo, PatchListener } from '../git/patch-parser.js';
import { CliError } from '../../cli/errors.js';
import type { ScanEngine } from '../files/scan-engine.js';
import type { GitFinding, ScanStats } from '../files/local-scan-result.js';

/**
 * `scan --git`'s view of the shared `AddedLinesScanner` (src/sources/git): the same added-line
 * scan, with findings as `GitFinding`s and counts in the CLI's `ScanStats`.
 */
export class HistoryScanner implements PatchListener {
  readonly #scanner: AddedLinesScanner;
  readonly #stats: ScanStats;

  constructor(engine: ScanEngine, stats: ScanStats) {
    this.#scanner = new AddedLinesScanner((path) => engine.createStream(path));
    this.#stats = stats;
  }

  get findings(): GitFinding[] {
    return this.#scanner.findings.map(({ finding, commit: { commit, author, date } }) => ({
      ...finding,
      commit,
      author,
      date,
    }));
  }

  commit(info: CommitInfo): void {
    this.#scanner.commit(info);
  }

  fileDiff(): void {
    this.#scanner.fileDiff();
  }

  newPath(path: string | undefined): void {
    this.#scanner.newPath(path);
  }

  binary(): void {
    this.#scanner.binary();
  }

  addedLineStart(newLine: number): void {
    try {
      this.#scanner.addedLineStart(newLine);
    } catch (error) {
      if (error instanceof SourceError) throw new CliError('git-failed', error.message);
      throw error;
    }
  }

  addedPiece(piece: Buffer): void {
    this.#scanner.addedPiece(piece);
  }

  addedLineEnd(): void {
    this.#scanner.addedLineEnd();
  }

  /** End of git's output: the counts go into the CLI's stats. */
  end(): void {
    this.#scanner.end();
    const { commits, files, bytes, binary } = this.#scanner.counts;
    this.#stats.commits = (this.#stats.commits ?? 0) + commits;
    this.#stats.files += files;
    this.#stats.bytes += bytes;
    this.#stats.skipped += binary;
  }
}
