// `commit` and `diff-entry` objects built from git data.
import type { CommitInfo } from './git-repo.js';
import type { DiffFile } from './git-diff.js';
import { nodeId, type Obj } from './github-objects.js';
import type { RepoRecord } from './emulator-records.js';
import type { EmulatorState } from './emulator-state.js';

function repoApi(state: EmulatorState, repo: RepoRecord): string {
  return `${state.urls.api}/repos/${repo.facts.owner}/${repo.facts.name}`;
}

/** `commit` (files attached when given). */
export function commitObject(state: EmulatorState, repo: RepoRecord, info: CommitInfo, files?: Obj[]): Obj {
  const api = repoApi(state, repo);
  const html = `${state.urls.html}/${repo.facts.owner}/${repo.facts.name}`;
  const out: Obj = {
    url: `${api}/commits/${info.sha}`,
    sha: info.sha,
    node_id: nodeId('C', info.sha),
    html_url: `${html}/commit/${info.sha}`,
    comments_url: `${api}/commits/${info.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${info.sha}`,
      author: info.author,
      committer: info.committer,
      message: info.message,
      comment_count: 0,
      tree: { sha: info.tree, url: `${api}/git/trees/${info.tree}` },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    // Commits are authored by plain git identities, not GitHub accounts.
    author: null,
    committer: null,
    parents: info.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${html}/commit/${sha}`,
    })),
  };
  if (files) {
    const additions = files.reduce((n, f) => n + (f['additions'] as number), 0);
    const deletions = files.reduce((n, f) => n + (f['deletions'] as number), 0);
    out['stats'] = { additions, deletions, total: additions + deletions };
    out['files'] = files;
  }
  return out;
}

/** `diff-entry` for a file changed in `commitSha`. */
export function diffEntry(state: EmulatorState, repo: RepoRecord, file: DiffFile, commitSha: string): Obj {
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${state.urls.html}/${full}/blob/${commitSha}/${path}`,
    raw_url: `${state.urls.html}/${full}/raw/${commitSha}/${path}`,
    contents_url: `${state.urls.api}/repos/${full}/contents/${path}?ref=${commitSha}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
    ...(file.previousFilename !== undefined ? { previous_filename: file.previousFilename } : {}),
  };
}
