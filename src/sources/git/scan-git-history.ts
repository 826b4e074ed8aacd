import { SourceError } from '../errors.js';
import { emptyStats, type GitFinding, type ScanStats } from '../local-scan-result.js';
import type { ScanEngine } from '../scan-engine.js';
import { AddedLinesScanner } from './added-lines-scanner.js';
import { LineSplitter } from './line-splitter.js';
import { logPatchArgs } from './log-patch-args.js';
import { COMMIT_HEADER_FORMAT, PatchParser } from './patch-parser.js';
import { firstLine, runGit, streamGit } from './stream-git.js';

/** The revisions scanned when no range is given: all commits reachable from HEAD. */
export const DEFAULT_GIT_RANGE = 'HEAD';

/** What `scanGitHistory` reads. */
export interface ScanGitHistoryOptions {
  readonly engine: ScanEngine;
  /** A directory in the repository. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A git revision range (`main..topic`, `v1.0..`, `HEAD~5..HEAD`). @defaultValue `HEAD` */
  readonly range?: string;
  /** Limit the history to these paths (git pathspecs, relative to `cwd`). @defaultValue [] */
  readonly pathspecs?: readonly string[];
}

const BAD_RANGE =
  /bad revision|unknown revision|ambiguous argument|invalid revision range|bad default revision|does not have any commits/i;

async function repositoryRoot(options: ScanGitHistoryOptions): Promise<string> {
  const result = await runGit({ args: ['rev-parse', '--show-toplevel'], cwd: options.cwd, env: options.env });
  if (result.exitCode === 0) return result.stdout.trim();
  if (/not a git repository/i.test(result.stderr)) {
    throw new SourceError('not-a-git-repo', `not a git repository: ${options.cwd}`);
  }
  throw new SourceError('git-failed', `git rev-parse failed in ${options.cwd}: ${firstLine(result.stderr)}`);
}

/** Whether HEAD points at a commit: a repository without commits has no history to scan. */
async function hasCommits(options: ScanGitHistoryOptions): Promise<boolean> {
  const args = ['rev-parse', '--verify', '--quiet', `${DEFAULT_GIT_RANGE}^{commit}`];
  return (await runGit({ args, cwd: options.cwd, env: options.env })).exitCode === 0;
}

/**
 * Scans the lines added by each commit in a range of a local repository (`git log -p -U0 --text`,
 * streamed through the `AddedLinesScanner` that the clone path uses too). Findings carry the
 * commit, its author and date, and the path and line in the file as that commit left it. Merge
 * commits add no lines of their own here (git shows no diff for them by default).
 */
export async function scanGitHistory(
  options: ScanGitHistoryOptions,
): Promise<{ root: string; findings: GitFinding[]; stats: ScanStats }> {
  const root = await repositoryRoot(options);
  const range = options.range ?? DEFAULT_GIT_RANGE;
  const stats = emptyStats();
  stats.commits = 0;
  if (options.range === undefined && !(await hasCommits(options))) return { root, findings: [], stats };
  const scanner = new AddedLinesScanner((path) => options.engine.createStream(path));
  const splitter = new LineSplitter(new PatchParser(scanner));
  const args = logPatchArgs(COMMIT_HEADER_FORMAT, range, options.pathspecs);
  const exit = await streamGit({ args, cwd: options.cwd, env: options.env }, (chunk) =>
    splitter.write(chunk),
  );
  if (exit.exitCode !== 0) {
    const problem = firstLine(exit.stderr);
    if (BAD_RANGE.test(exit.stderr))
      throw new SourceError('bad-range', `bad git range '${range}': ${problem}`);
    throw new SourceError('git-failed', `git log ${range} failed: ${problem}`);
  }
  splitter.end();
  scanner.end();
  const { commits, files, bytes, binary } = scanner.counts;
  stats.commits += commits;
  stats.files += files;
  stats.bytes += bytes;
  stats.skipped += binary;
  const findings = scanner.findings.map(({ finding, commit: { commit, author, date } }) => ({
    ...finding,
    commit,
    author,
    date,
  }));
  return { root, findings, stats };
}
