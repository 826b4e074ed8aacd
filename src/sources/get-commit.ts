import type { CommitInfo } from './git/patch-parser.js';
import { COMMIT_FILES_PER_PAGE, COMMIT_MAX_FILES } from './limits.js';
import type { CommitFile } from './scan-commit-files.js';
import type { SourceOptions } from './source-options.js';

/** A commit as the commit API describes it (the fields read here). */
export interface ApiCommit {
  readonly sha: string;
  readonly parents?: readonly unknown[];
  readonly commit: {
    readonly author?: { readonly name?: string; readonly email?: string; readonly date?: string } | null;
    readonly committer?: { readonly date?: string } | null;
  };
}

/** Author `name <email>` and the date the commit became part of history (committer date). */
export function commitInfo(commit: ApiCommit): CommitInfo {
  const author = commit.commit.author;
  return {
    commit: commit.sha,
    date: commit.commit.committer?.date ?? author?.date ?? '',
    author: author?.name || author?.email ? `${author.name ?? ''} <${author.email ?? ''}>` : '',
  };
}

/** A commit and its files; `truncated` when the API's file list stopped at `COMMIT_MAX_FILES`. */
export interface CommitWithFiles {
  readonly info: CommitInfo;
  readonly merge: boolean;
  readonly files: CommitFile[];
  readonly truncated: boolean;
}

/** Reads a commit with all its files, page by page, up to the API's `COMMIT_MAX_FILES`. */
export async function getCommit(options: SourceOptions, sha: string): Promise<CommitWithFiles> {
  const { owner, repo } = options.repo;
  const files: CommitFile[] = [];
  let first: ApiCommit | undefined;
  for (let page = 1; ; page++) {
    const { data } = await options.client.rest.repos.getCommit({
      owner,
      repo,
      ref: sha,
      per_page: COMMIT_FILES_PER_PAGE,
      page,
    });
    first ??= data;
    const pageFiles = data.files ?? [];
    files.push(...pageFiles);
    if (pageFiles.length < COMMIT_FILES_PER_PAGE || files.length >= COMMIT_MAX_FILES) break;
  }
  return {
    info: commitInfo(first),
    merge: (first.parents?.length ?? 0) > 1,
    files,
    truncated: files.length >= COMMIT_MAX_FILES,
  };
}
