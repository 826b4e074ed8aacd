import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { PULL_MAX_COMMITS } from '../../src/sources/limits.js';
import { scanPullRequest } from '../../src/sources/scan-pull-request.js';
import { TestRepo } from '../cli/git-repo.js';
import { KeyGenerator } from '../support/keygen.js';
import { API, REPO_PATH, addedPatch, apiCommit, common, compareBody, sha, useNock } from './github-nock.js';

useNock();
const keys = new KeyGenerator(303);
const BASE = sha(1);

describe('scanPullRequest', () => {
  it('opened: scans each of the pull request commits, locations carrying the PR number', async () => {
    const [k1, k2] = [keys.rootKey(), keys.rootKey()];
    const [c1, c2] = [sha(20), sha(21)];
    nock(API)
      .get(`${REPO_PATH}/pulls/42/commits`)
      .query({ per_page: 100, page: 1 })
      .reply(200, [apiCommit(c1), apiCommit(c2)])
      .get(`${REPO_PATH}/commits/${c1}`)
      .query(true)
      .reply(200, {
        ...apiCommit(c1),
        files: [{ filename: 'a', status: 'added', patch: addedPatch(['x', k1]) }],
      })
      .get(`${REPO_PATH}/commits/${c2}`)
      .query(true)
      .reply(200, { ...apiCommit(c2), files: [{ filename: 'b', status: 'added', patch: addedPatch([k2]) }] });
    const result = await scanPullRequest({ ...common(), pullNumber: 42, baseSha: BASE, headSha: c2 });
    expect(result.status).toBe('complete');
    expect(result.findings.map((f) => [f.finding.fingerprint, f.location])).toEqual([
      [fingerprintKey(k1), expect.objectContaining({ commit: c1, path: 'a', line: 2, pullRequest: 42 })],
      [fingerprintKey(k2), expect.objectContaining({ commit: c2, path: 'b', line: 1, pullRequest: 42 })],
    ]);
  });

  it('synchronize: scans only the commits after `before`', async () => {
    const key = keys.rootKey();
    const [before, c3] = [sha(22), sha(23)];
    nock(API)
      .get(`${REPO_PATH}/compare/${before}...${c3}`)
      .reply(
        200,
        compareBody([apiCommit(c3)], [{ filename: 'c', status: 'added', patch: addedPatch([key]) }]),
      );
    const result = await scanPullRequest({ ...common(), pullNumber: 42, baseSha: BASE, headSha: c3, before });
    expect(result.findings.map((f) => f.location)).toMatchObject([
      { commit: c3, path: 'c', pullRequest: 42 },
    ]);
  });
});

describe('scanPullRequest beyond the pull request commits API', () => {
  it(`clones baseSha..headSha when the PR lists ${PULL_MAX_COMMITS} commits`, async () => {
    const repo = new TestRepo();
    const ada = { name: 'Ada', email: 'ada@example.com', date: '2026-10-01T09:00:00Z' };
    repo.write({ 'a.txt': 'a\n' });
    const base = repo.commit('base', ada);
    const key = keys.rootKey();
    repo.write({ 'b.txt': `b\n${key}\n` });
    const head = repo.commit('leak', ada);
    const bare = join(repo.root, '.git', 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', repo.root, bare], { env: repo.env });
    const scope = nock(API);
    for (let page = 1; page <= 3; page++)
      scope
        .get(`${REPO_PATH}/pulls/42/commits`)
        .query({ per_page: 100, page })
        .reply(
          200,
          Array.from({ length: page < 3 ? 100 : PULL_MAX_COMMITS - 200 }, (_, i) =>
            apiCommit(sha(page * 1000 + i)),
          ),
        );
    const result = await scanPullRequest({
      ...common(),
      pullNumber: 42,
      baseSha: base,
      headSha: head,
      cloneUrl: bare,
    });
    expect(result.method).toBe('clone');
    expect(result.findings.map((f) => [f.finding.fingerprint, f.location])).toEqual([
      [
        fingerprintKey(key),
        expect.objectContaining({ commit: head, path: 'b.txt', line: 2, pullRequest: 42 }),
      ],
    ]);
  });
});
