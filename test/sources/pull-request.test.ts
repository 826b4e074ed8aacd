import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { scanPullRequest } from '../../src/sources/pull-request.js';
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
