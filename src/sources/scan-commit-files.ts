import { StreamScanner } from '../detect/stream-scanner.js';
import { commitFinding } from './commit-location.js';
import { AddedLinesScanner } from './git/added-lines-scanner.js';
import { LineSplitter } from './git/line-splitter.js';
import { PatchParser, type CommitInfo } from './git/patch-parser.js';
import { ScanBudget } from './scan-budget.js';
import type { ScanCollector } from './scan-collector.js';
import { scanBlob } from './scan-blob.js';
import { scanName } from './scan-names.js';
import { repoName, type SourceOptions } from './source-options.js';

/** A file as the compare and commit APIs list it (the fields read here). */
export interface CommitFile {
  readonly filename: string;
  readonly status: string;
  readonly sha?: string | null;
  readonly changes?: number;
  /** The unified diff's hunks; absent for binary files and diffs too large to show. */
  readonly patch?: string;
}

/** Scans the added lines of one commit's files (their patches, or their blobs when there is none). */
export async function scanCommitFiles(
  options: SourceOptions,
  collector: ScanCollector,
  commit: CommitInfo,
  files: readonly CommitFile[],
  pullRequest?: number,
): Promise<void> {
  const repo = repoName(options.repo);
  const scanner = new AddedLinesScanner((path) => new StreamScanner(options.detector, path));
  // Patches arrive whole in the API's answer: scanned in slices, the job's lock is renewed meanwhile.
  const budget = new ScanBudget();
  scanner.commit(commit);
  for (const file of files) {
    // Deleted files and pure renames add no lines.
    if (file.status === 'removed' || (file.status === 'renamed' && file.changes === 0 && !file.patch))
      continue;
    // A key in the path is a leak whether or not the file's lines hold one (or are ignored).
    for (const finding of scanName(options.detector, file.filename))
      collector.add(commitFinding(repo, commit, { ...finding, line: 1, column: 1 }, pullRequest, 'path'));
    if (collector.ignores(file.filename)) continue;
    if (file.patch !== undefined) {
      scanner.fileDiff();
      scanner.newPath(file.filename);
      const splitter = new LineSplitter(new PatchParser(scanner));
      await budget.write(Buffer.from(file.patch, 'utf8'), (slice) => splitter.write(slice));
      splitter.end();
      continue;
    }
    if (!file.sha) {
      collector.incomplete(
        'no-blob',
        `${file.filename} has neither a diff nor a blob to read`,
        file.filename,
      );
      continue;
    }
    for (const finding of await scanBlob(options, collector, file.filename, file.sha))
      collector.add(commitFinding(repo, commit, finding, pullRequest));
  }
  scanner.end();
  collector.stats.files += scanner.counts.files;
  collector.stats.bytes += scanner.counts.bytes;
  collector.stats.binarySkipped += scanner.counts.binary;
  for (const { finding } of scanner.findings)
    collector.add(commitFinding(repo, commit, finding, pullRequest));
}
