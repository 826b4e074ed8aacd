import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { MAX_BLOB_BYTES } from '../../src/sources/limits.js';
import { scanCommitRange } from '../../src/sources/push-diff.js';
import { KeyGenerator } from '../support/keygen.js';
import {
  API,
  AUTHOR,
  COMMITTED,
  REPO_PATH,
  addedPatch,
  apiCommit,
  common,
  compareBody,
  removedPatch,
  sha,
  useNock,
} from './github-nock.js';

useNock();
const keys = new KeyGenerator(301);
const BASE = sha(1);
const HEAD = sha(2);
const RAW = { 'Content-Type': 'application/vnd.github.raw' };

describe('scanCommitRange through the compare API (one commit)', () => {
  it('maps a key in an added line to the commit, author, path and line', async () => {
    const key = keys.rootKey();
    const patch = addedPatch(['const a = 1;', '', `const root = "${key}";`]);
    nock(API)
      .get(`${REPO_PATH}/compare/${BASE}...${HEAD}`)
      .reply(
        200,
        compareBody([apiCommit(HEAD)], [{ filename: 'src/a.ts', status: 'added', sha: sha(50), patch }]),
      );
    const result = await scanCommitRange({ ...common(), base: BASE, head: HEAD });
    expect(result.method).toBe('compare');
    expect(result.status).toBe('complete');
    expect(result.findings).toHaveLength(1);
    const [found] = result.findings;
    expect(found?.finding.fingerprint).toBe(fingerprintKey(key));
    expect(found?.location).toEqual({
      kind: 'commit',
      repo: 'acme/app',
      commit: HEAD,
      path: 'src/a.ts',
      line: 3,
      column: 15,
      author: `${AUTHOR.name} <${AUTHOR.email}>`,
    });
    expect(found?.exposedAt).toBe(COMMITTED);
    expect(result.stats).toMatchObject({ commits: 1, files: 1 });
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('maps lines across several hunks, context lines and a missing final newline', async () => {
    const [first, second] = [keys.rootKey(), keys.rootKeyV1()];
    const patch = [
      '@@ -1,2 +1,3 @@',
      ' line one',
      `+ROOT=${first}`,
      ' line two',
      '@@ -10,2 +11,3 @@ function x() {',
      '-old line',
      '+new line',
      ' kept',
      `+const v1 = '${second}'`,
      '\\ No newline at end of file',
    ].join('\n');
    nock(API)
      .get(`${REPO_PATH}/compare/${BASE}...${HEAD}`)
      .reply(
        200,
        compareBody([apiCommit(HEAD)], [{ filename: 'x.js', status: 'modified', sha: sha(51), patch }]),
      );
    const result = await scanCommitRange({ ...common(), base: BASE, head: HEAD, pullRequest: 7 });
    expect(result.findings.map((f) => f.location)).toMatchObject([
      { path: 'x.js', line: 2, column: 6, pullRequest: 7 },
      { path: 'x.js', line: 13, column: 13, pullRequest: 7 },
    ]);
  });

  it('scans a file without a patch from its blob, with file line numbers', async () => {
    const key = keys.rootKey();
    const content = ['a', 'b', 'c', 'd', `token: ${key}`].join('\n');
    nock(API)
      .get(`${REPO_PATH}/compare/${BASE}...${HEAD}`)
      .reply(200, compareBody([apiCommit(HEAD)], [{ filename: 'big.yml', status: 'modified', sha: sha(52) }]))
      .get(`${REPO_PATH}/git/blobs/${sha(52)}`)
      .matchHeader('accept', /application\/vnd\.github(\.v3)?\.raw/)
      .reply(200, content, RAW);
    const result = await scanCommitRange({ ...common(), base: BASE, head: HEAD });
    expect(result.status).toBe('complete');
    expect(result.findings.map((f) => [f.location.kind, f.finding.line, f.finding.fingerprint])).toEqual([
      ['commit', 5, fingerprintKey(key)],
    ]);
  });

  it('skips and counts a binary file (NUL in its first 8 KiB), with the key in it not reported', async () => {
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(keys.rootKey())]);
    nock(API)
      .get(`${REPO_PATH}/compare/${BASE}...${HEAD}`)
      .reply(200, compareBody([apiCommit(HEAD)], [{ filename: 'logo.png', status: 'added', sha: sha(53) }]))
      .get(`${REPO_PATH}/git/blobs/${sha(53)}`)
      .reply(200, bytes, RAW);
    const result = await scanCommitRange({ ...common(), base: BASE, head: HEAD });
    expect(result.findings).toEqual([]);
    expect(result.stats).toMatchObject({ binarySkipped: 1, files: 0 });
  });

  it('ends incomplete, naming the file, when a patch-less blob is larger than MAX_BLOB_BYTES', async () => {
    nock(API)
      .get(`${REPO_PATH}/compare/${BASE}...${HEAD}`)
      .reply(200, compareBody([apiCommit(HEAD)], [{ filename: 'dump.sql', status: 'added', sha: sha(54) }]))
      .get(`${REPO_PATH}/git/blobs/${sha(54)}`)
      .reply(200, Buffer.alloc(MAX_BLOB_BYTES + 1, 0x61), RAW);
    const result = await scanCommitRange({ ...common(), base: BASE, head: HEAD });
    expect(result.status).toBe('incomplete');
    expect(result.incomplete).toEqual([
      expect.objectContaining({ code: 'max-blob-bytes', subject: 'dump.sql' }),
    ]);
  });

  it('counts ignored paths and allowed fingerprints instead of reporting them', async () => {
    const [allowed, ignoredKey, reported] = [keys.rootKey(), keys.rootKey(), keys.rootKey()];
    nock(API)
      .get(`${REPO_PATH}/compare/${BASE}...${HEAD}`)
      .reply(
        200,
        compareBody(
          [apiCommit(HEAD)],
          [
            { filename: 'fixtures/k.txt', status: 'added', sha: sha(55), patch: addedPatch([ignoredKey]) },
            { filename: 'a.txt', status: 'added', sha: sha(56), patch: addedPatch([allowed, reported]) },
          ],
        ),
      );
    const filter = {
      ignorePath: (path: string) => path.startsWith('fixtures/'),
      allowFingerprint: (fp: string) => fp === fingerprintKey(allowed),
    };
    const result = await scanCommitRange({ ...common(), filter, base: BASE, head: HEAD });
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual([fingerprintKey(reported)]);
    expect(result.stats).toMatchObject({ ignored: 1, allowed: 1, files: 1 });
  });
});

describe('scanCommitRange commit by commit', () => {
  it('finds a key that one commit added and a later commit of the same push removed', async () => {
    const key = keys.rootKey();
    const [c1, c2] = [sha(10), sha(11)];
    const lines = ['# settings', `UNKEY_ROOT_KEY=${key}`];
    nock(API)
      // The combined diff of the push is empty: the file came and went.
      .get(`${REPO_PATH}/compare/${BASE}...${c2}`)
      .reply(200, compareBody([apiCommit(c1), apiCommit(c2)], []))
      .get(`${REPO_PATH}/commits/${c1}`)
      .query({ per_page: 100, page: 1 })
      .reply(200, {
        ...apiCommit(c1),
        files: [{ filename: '.env', status: 'added', sha: sha(60), patch: addedPatch(lines) }],
      })
      .get(`${REPO_PATH}/commits/${c2}`)
      .query({ per_page: 100, page: 1 })
      .reply(200, {
        ...apiCommit(c2),
        files: [{ filename: '.env', status: 'removed', sha: sha(61), patch: removedPatch(lines) }],
      });
    const result = await scanCommitRange({ ...common(), base: BASE, head: c2 });
    expect(result.method).toBe('commits');
    expect(result.status).toBe('complete');
    expect(result.stats.commits).toBe(2);
    expect(result.findings.map((f) => f.location)).toMatchObject([{ commit: c1, path: '.env', line: 2 }]);
  });

  it('skips merge commits (their lines come from the commits they merge)', async () => {
    const [c1, merge] = [sha(12), sha(13)];
    nock(API)
      .get(`${REPO_PATH}/compare/${BASE}...${merge}`)
      .reply(200, compareBody([apiCommit(c1), apiCommit(merge, 2)], []))
      .get(`${REPO_PATH}/commits/${c1}`)
      .query(true)
      .reply(200, { ...apiCommit(c1), files: [] })
      .get(`${REPO_PATH}/commits/${merge}`)
      .query(true)
      .reply(200, {
        ...apiCommit(merge, 2),
        files: [{ filename: 'm', status: 'added', patch: addedPatch([keys.rootKey()]) }],
      });
    const result = await scanCommitRange({ ...common(), base: BASE, head: merge });
    expect(result.findings).toEqual([]);
    expect(result.stats.commits).toBe(2);
  });

  it('reads a commit with more than one page of files', async () => {
    const key = keys.rootKey();
    const c1 = sha(14);
    const page1 = Array.from({ length: 100 }, (_, i) => ({
      filename: `f${i}`,
      status: 'added',
      patch: addedPatch(['x']),
    }));
    // Two commits, so the per-commit path reads them.
    nock(API)
      .get(`${REPO_PATH}/compare/${BASE}...${c1}`)
      .reply(200, compareBody([apiCommit(sha(15)), apiCommit(c1)], []))
      .get(`${REPO_PATH}/commits/${sha(15)}`)
      .query(true)
      .reply(200, { ...apiCommit(sha(15)), files: [] })
      .get(`${REPO_PATH}/commits/${c1}`)
      .query({ per_page: 100, page: 1 })
      .reply(200, { ...apiCommit(c1), files: page1 })
      .get(`${REPO_PATH}/commits/${c1}`)
      .query({ per_page: 100, page: 2 })
      .reply(200, {
        ...apiCommit(c1),
        files: [{ filename: 'last', status: 'added', patch: addedPatch([key]) }],
      });
    const result = await scanCommitRange({ ...common(), base: BASE, head: c1 });
    expect(result.stats.files).toBe(101);
    expect(result.findings.map((f) => f.location)).toMatchObject([{ path: 'last', line: 1 }]);
  });

  it('propagates a persistent API failure as an error (the queue retries the job)', async () => {
    nock(API).get(`${REPO_PATH}/compare/${BASE}...${HEAD}`).reply(502, { message: 'Bad gateway' });
    await expect(scanCommitRange({ ...common(), base: BASE, head: HEAD })).rejects.toMatchObject({
      status: 502,
    });
  });
});
