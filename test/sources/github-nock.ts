// Helpers for source tests against a nock'd api.github.com: a client without retries or
// throttling, and builders for the API's commit and patch shapes.
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import type { GitHubClient, RepoRef } from '../../src/github/github-client.js';

export const API = 'https://api.github.com';
export const REPO: RepoRef = { owner: 'acme', repo: 'app' };
export const REPO_PATH = '/repos/acme/app';

export function testClient(): GitHubClient {
  return new ProbotOctokit({
    auth: { token: 'test' },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

export function common() {
  return { client: testClient(), detector: createDetector(), repo: REPO };
}

/** Blocks real network and checks every nock'd request was made. */
export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    if (pending.length > 0) throw new Error(`requests not made: ${pending.join(', ')}`);
  });
}

/** A 40-hex commit id made from a number. */
export function sha(n: number): string {
  return n.toString(16).padStart(40, 'c');
}

export const AUTHOR = { name: 'Ada Lovelace', email: 'ada@example.com', date: '2026-11-01T10:00:00Z' };
export const COMMITTED = '2026-11-02T11:30:00Z';

/** A commit as the compare, commits and pulls APIs list it. */
export function apiCommit(id: string, parents = 1) {
  return {
    sha: id,
    parents: Array.from({ length: parents }, (_, i) => ({ sha: sha(9000 + i) })),
    commit: { author: AUTHOR, committer: { ...AUTHOR, date: COMMITTED }, message: 'change' },
  };
}

/** A patch adding `lines` to a new file. */
export function addedPatch(lines: readonly string[]): string {
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}

/** A patch removing `lines` from a file. */
export function removedPatch(lines: readonly string[]): string {
  return `@@ -1,${lines.length} +0,0 @@\n${lines.map((l) => `-${l}`).join('\n')}`;
}

/** A compare answer for a range of `commits` with `files` as the combined diff. */
export function compareBody(
  commits: readonly ReturnType<typeof apiCommit>[],
  files: readonly object[],
  total?: number,
) {
  return {
    status: 'ahead',
    ahead_by: total ?? commits.length,
    behind_by: 0,
    total_commits: total ?? commits.length,
    commits,
    files,
  };
}
