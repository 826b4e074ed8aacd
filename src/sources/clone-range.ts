import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamScanner } from '../detect/stream-scanner.js';
import { commitFinding } from './commit-location.js';
import { SourceError } from './errors.js';
import { AddedLinesScanner } from './git/added-lines-scanner.js';
import { gitAuthEnv } from './git/git-auth-env.js';
import { LineSplitter } from './git/line-splitter.js';
import { logPatchArgs } from './git/log-patch-args.js';
import { PatchParser, type CommitInfo, type PatchListener } from './git/patch-parser.js';
import { firstLine, runGit, streamGit, type GitCommand } from './git/stream-git.js';
import { GIT_TIMEOUT_MS, MAX_SCAN_BYTES } from './limits.js';
import type { ScanCollector } from './scan-collector.js';
import { scanName } from './scan-names.js';
import type { SourceFinding } from './scan-result.js';
import { repoName, type SourceOptions } from './source-options.js';

/** Commit headers with the committer date: when the commit became part of history. */
const CLONE_HEADER_FORMAT = '--format=%x00%H%x00%cI%x00%an <%ae>';

/** What the clone path needs beyond the common options. */
export interface CloneRangeOptions extends SourceOptions {
  /** The commit (or branch name) the range starts after; undefined for all of `head`'s history. */
  readonly base: string | undefined;
  readonly head: string;
  readonly pullRequest?: number;
  /** Where to clone from. @defaultValue the repository's `clone_url` from the API */
  readonly cloneUrl?: string;
  /** Time for all git commands of the clone path together. @defaultValue `GIT_TIMEOUT_MS` */
  readonly gitTimeoutMs?: number;
}

class ScanBytesReached extends Error {}

async function installationToken(options: CloneRangeOptions): Promise<string | undefined> {
  const auth = (await options.client.auth({ type: 'installation' })) as { token?: unknown } | undefined;
  return typeof auth?.token === 'string' ? auth.token : undefined;
}

async function cloneUrl(options: CloneRangeOptions): Promise<string> {
  if (options.cloneUrl !== undefined) return options.cloneUrl;
  const { data } = await options.client.rest.repos.get({
    owner: options.repo.owner,
    repo: options.repo.repo,
  });
  return data.clone_url;
}

/** Whether `rev` names a commit in the clone; fetches it once when it does not (a PR head, an old head). */
async function haveCommit(git: (args: string[]) => Promise<{ exitCode: number | null }>, rev: string) {
  const check = ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`];
  if ((await git(check)).exitCode === 0) return true;
  await git(['fetch', '--quiet', '--filter=blob:none', '--no-tags', 'origin', '--end-of-options', rev]);
  return (await git(check)).exitCode === 0;
}

/**
 * The path beyond every API limit: a blobless bare clone (`git clone --bare --filter=blob:none`)
 * into a temporary directory, then `git log -p -U0 --text base..head` streamed through the added
 * line scanner. Blobs are fetched by git as the log needs them. The directory is removed after.
 */
export async function scanClonedRange(options: CloneRangeOptions, collector: ScanCollector): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'rootguard-clone-'));
  const signal = AbortSignal.timeout(options.gitTimeoutMs ?? GIT_TIMEOUT_MS);
  try {
    await cloneAndLog(options, collector, home, signal);
  } catch (error) {
    if (!(error instanceof SourceError && error.code === 'git-timeout')) throw error;
    collector.incomplete(
      'git-timeout',
      `the clone path ran longer than ${options.gitTimeoutMs ?? GIT_TIMEOUT_MS} ms and was stopped`,
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

async function cloneAndLog(
  options: CloneRangeOptions,
  collector: ScanCollector,
  home: string,
  signal: AbortSignal,
): Promise<void> {
  const env = gitAuthEnv(await installationToken(options), home);
  const dir = join(home, 'repo.git');
  const git = (args: string[]): Promise<Awaited<ReturnType<typeof runGit>>> =>
    runGit({ args, cwd: dir, env, signal } satisfies GitCommand);
  const url = await cloneUrl(options);
  const args = ['clone', '--bare', '--quiet', '--filter=blob:none', '--no-tags', '--', url, dir];
  const clone = await runGit({ args, cwd: home, env, signal });
  if (clone.exitCode !== 0)
    throw new SourceError(
      'git-failed',
      `git clone of ${repoName(options.repo)} failed: ${firstLine(clone.stderr)}`,
    );
  if (!(await haveCommit(git, options.head)))
    throw new SourceError(
      'git-failed',
      `commit ${options.head} is not in the clone of ${repoName(options.repo)}`,
    );
  if (options.base !== undefined && !(await haveCommit(git, options.base))) {
    collector.incomplete(
      'clone-base-missing',
      `the range start ${options.base} is not in the repository, so the commits after it cannot be listed`,
    );
    return;
  }
  await logRange(options, collector, { args: [], cwd: dir, env, signal });
}

async function logRange(options: CloneRangeOptions, collector: ScanCollector, at: GitCommand): Promise<void> {
  const repo = repoName(options.repo);
  const scanner = new AddedLinesScanner((path) =>
    collector.ignores(path) ? undefined : new StreamScanner(options.detector, path),
  );
  // A key in a file's path is a leak too (as on the API path, `scan-commit-files.ts`).
  const pathFindings: SourceFinding[] = [];
  const listener = withPathNames(scanner, (commit, path) => {
    for (const finding of scanName(options.detector, path))
      pathFindings.push(
        commitFinding(repo, commit, { ...finding, line: 1, column: 1 }, options.pullRequest, 'path'),
      );
  });
  const splitter = new LineSplitter(new PatchParser(listener));
  const range = options.base === undefined ? options.head : `${options.base}..${options.head}`;
  const command = { ...at, args: logPatchArgs(CLONE_HEADER_FORMAT, range) };
  try {
    const exit = await streamGit(command, (chunk) => {
      splitter.write(chunk);
      if (scanner.bytesRead > MAX_SCAN_BYTES) throw new ScanBytesReached();
    });
    if (exit.exitCode !== 0)
      throw new SourceError('git-failed', `git log ${range} failed: ${firstLine(exit.stderr)}`);
    splitter.end();
  } catch (error) {
    if (error instanceof ScanBytesReached)
      collector.incomplete('max-scan-bytes', `scanning stopped after ${MAX_SCAN_BYTES} bytes of added lines`);
    else if (error instanceof SourceError && error.code === 'git-timeout')
      collector.incomplete(
        'git-timeout',
        `git log ${range} ran longer than allowed; the commits after that point were not scanned`,
      );
    else throw error;
  }
  scanner.end();
  const { commits, files, bytes, binary } = scanner.counts;
  collector.stats.commits += commits;
  collector.stats.files += files;
  collector.stats.bytes += bytes;
  collector.stats.binarySkipped += binary;
  for (const finding of pathFindings) collector.add(finding);
  for (const { finding, commit } of scanner.findings)
    collector.add(commitFinding(repo, commit, finding, options.pullRequest));
}

/** `scanner`, also telling `onPath` each new path with its commit (once per file diff). */
function withPathNames(
  scanner: AddedLinesScanner,
  onPath: (commit: CommitInfo, path: string) => void,
): PatchListener {
  let commit: CommitInfo | undefined;
  return {
    commit: (info) => {
      commit = info;
      scanner.commit(info);
    },
    fileDiff: () => scanner.fileDiff(),
    newPath: (path) => {
      if (path !== undefined && commit !== undefined) onPath(commit, path);
      scanner.newPath(path);
    },
    binary: () => scanner.binary(),
    addedLineStart: (line) => scanner.addedLineStart(line),
    addedPiece: (piece) => scanner.addedPiece(piece),
    addedLineEnd: () => scanner.addedLineEnd(),
  };
}
