import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishReview } from '../../../src/report/review/publish-review.js';
import type { SourceFinding } from '../../../src/sources/scan-result.js';
import { KeyGenerator } from '../../support/keygen.js';
import { commitAt, hex, keyShaped, leakedKeys, sourceFinding } from '../../support/source-findings.js';
import { invalidRequests } from '../../github/openapi-request.js';
import { githubApi, testClient, type SentRequest } from '../../github/octokit.js';

const REPO = { owner: 'owner', repo: 'app' };
const PULL = '/repos/owner/app/pulls/14';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A pull request whose head is `head` and an earlier commit `earlier`, and findings of each kind. */
function scenario() {
  const gen = new KeyGenerator(71);
  const head = hex(gen);
  const earlier = hex(gen);
  const keys = Array.from({ length: 8 }, () => gen.rootKey());
  const at = (i: number, commit: string, path: string, line: number, pr: number | null = 14) =>
    sourceFinding(keys[i]!, 'unkey-root-key', commitAt(commit, path, line, pr ?? undefined));
  const findings: SourceFinding[] = [
    at(0, head, 'src/config.ts', 12), // line comment
    at(0, head, 'src/config.ts', 12), // the same place twice: one comment
    at(1, head, 'deploy/.env', 40), // file in the PR, line outside the diff: file comment
    at(2, earlier, 'src/config.ts', 11), // earlier commit: its line may have moved: file comment
    at(3, head, 'vendor/big.min.js', 1), // no patch: file comment
    at(4, earlier, 'reverted/secret.env', 2), // file not in the PR any more: review body
    at(5, earlier, 'old.env', 1), // file removed by the PR: review body
    at(6, head, 'src/config.ts', 13, 15), // another pull request's scan: ignored
    at(7, head, 'src/config.ts', 13, null), // a push scan: ignored
    sourceFinding(keys[0]!, 'unkey-root-key', {
      kind: 'job-log',
      repo: 'owner/app',
      runId: 1,
      jobId: 2,
      jobName: 'test',
      line: 3,
    }),
  ];
  return { head, keys, findings };
}

const FILES_PAGE_1 = [
  { filename: 'src/config.ts', status: 'modified', patch: '@@ -10,3 +10,5 @@\n a\n+b\n+c\n+d\n e' },
  { filename: 'deploy/.env', status: 'modified', patch: '@@ -1,1 +1,3 @@\n x\n+y\n+z' },
];
const FILES_PAGE_2 = [
  { filename: 'vendor/big.min.js', status: 'modified' },
  { filename: 'old.env', status: 'removed' },
];

function answerFiles(scope: nock.Scope): void {
  scope
    .get(`${PULL}/files`)
    .query({ per_page: 100 })
    .reply(200, FILES_PAGE_1, {
      link: `<https://api.github.com${PULL}/files?per_page=100&page=2>; rel="next"`,
    })
    .get(`${PULL}/files`)
    .query({ per_page: 100, page: 2 })
    .reply(200, FILES_PAGE_2);
}

function answerPosted(scope: nock.Scope, comments: object[], reviews: object[]): void {
  scope.get(`${PULL}/comments`).query({ per_page: 100 }).reply(200, comments);
  scope.get(`${PULL}/reviews`).query({ per_page: 100 }).reply(200, reviews);
}

/** A review or comment request as sent. */
interface PostedBody {
  body: string;
  comments?: { body: string }[];
}

const posts = (sent: SentRequest[]) => sent.filter((request) => request.method === 'POST');

describe('publishReview', () => {
  it('puts each new finding on its line, its file, or the review body, in one review', async () => {
    const { head, keys, findings } = scenario();
    const { scope, sent } = githubApi();
    answerFiles(scope);
    answerPosted(scope, [], []);
    scope.post(`${PULL}/reviews`).reply(200, { id: 500 });
    scope.post(`${PULL}/comments`).times(3).reply(201, { id: 1 });

    const result = await publishReview(testClient(), REPO, { pullNumber: 14, commitId: head, findings });

    expect(result).toEqual({ reviewId: 500, commented: 1, alreadyCommented: 0, fileLevel: 3, listed: 2 });
    expect(scope.isDone()).toBe(true);
    const [review, ...fileComments] = posts(sent).map((request) => request.body as Record<string, unknown>);
    expect(review).toMatchObject({
      commit_id: head,
      event: 'COMMENT',
      comments: [{ path: 'src/config.ts', line: 12, side: 'RIGHT' }],
    });
    expect(review?.['body']).toContain('reverted/secret.env:2');
    expect(review?.['body']).toContain('old.env:1');
    expect(fileComments.map((c) => [c['path'], c['subject_type'], c['commit_id'], c['line']])).toEqual([
      ['deploy/.env', 'file', head, undefined],
      ['src/config.ts', 'file', head, undefined],
      ['vendor/big.min.js', 'file', head, undefined],
    ]);
    const raw = sent.map((request) => request.raw).join('\n');
    expect(keyShaped(raw)).toEqual([]);
    expect(leakedKeys(raw, keys)).toEqual([]);
    expect(invalidRequests(sent)).toEqual([]);
  });

  it('says nothing new when the same findings are published again', async () => {
    const { head, findings } = scenario();
    const first = githubApi();
    answerFiles(first.scope);
    answerPosted(first.scope, [], []);
    first.scope.post(`${PULL}/reviews`).reply(200, { id: 500 });
    first.scope.post(`${PULL}/comments`).times(3).reply(201, { id: 1 });
    await publishReview(testClient(), REPO, { pullNumber: 14, commitId: head, findings });

    // Echo what was posted back as GitHub would list it: line comments, file comments, review body.
    const bot = { login: 'rootguard[bot]' };
    const [review, ...fileComments] = posts(first.sent).map((request) => request.body as PostedBody);
    const comments = [...review!.comments!, ...fileComments].map((c) => ({ body: c.body, user: bot }));
    const second = githubApi();
    answerFiles(second.scope);
    answerPosted(second.scope, comments, [{ id: 500, body: review!.body, user: bot }]);

    const result = await publishReview(testClient(), REPO, {
      pullNumber: 14,
      commitId: head,
      findings,
      authorLogin: 'rootguard[bot]',
    });
    expect(result).toEqual({ commented: 0, alreadyCommented: 6, fileLevel: 0, listed: 0 });
    expect(posts(second.sent)).toEqual([]);
    expect(second.scope.isDone()).toBe(true);
  });

  it("ignores markers posted by someone else when the bot's login is given", async () => {
    const { head, findings } = scenario();
    const first = githubApi();
    answerFiles(first.scope);
    answerPosted(first.scope, [], []);
    first.scope.post(`${PULL}/reviews`).reply(200, { id: 500 });
    first.scope.post(`${PULL}/comments`).times(3).reply(201, { id: 1 });
    await publishReview(testClient(), REPO, { pullNumber: 14, commitId: head, findings });
    const [review] = posts(first.sent).map((request) => request.body as PostedBody);

    const second = githubApi();
    answerFiles(second.scope);
    answerPosted(second.scope, [{ body: review!.comments![0]!.body, user: { login: 'mallory' } }], []);
    second.scope.post(`${PULL}/reviews`).reply(200, { id: 501 });
    second.scope.post(`${PULL}/comments`).times(3).reply(201, { id: 2 });
    const result = await publishReview(testClient(), REPO, {
      pullNumber: 14,
      commitId: head,
      findings,
      authorLogin: 'rootguard[bot]',
    });
    expect(result).toMatchObject({ reviewId: 501, commented: 1, alreadyCommented: 0 });
  });

  it('moves line comments to their files when GitHub cannot place a line (422)', async () => {
    const { head, findings } = scenario();
    const { scope, sent } = githubApi();
    answerFiles(scope);
    answerPosted(scope, [], []);
    scope
      .post(`${PULL}/reviews`)
      .reply(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] })
      .post(`${PULL}/reviews`)
      .reply(200, { id: 502 });
    scope.post(`${PULL}/comments`).times(4).reply(201, { id: 1 });
    const result = await publishReview(testClient(), REPO, { pullNumber: 14, commitId: head, findings });
    expect(result).toEqual({ reviewId: 502, commented: 0, alreadyCommented: 0, fileLevel: 4, listed: 2 });
    const reviews = posts(sent).filter((request) => request.path.endsWith('/reviews'));
    expect((reviews[1]?.body as { comments: unknown[] }).comments).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(invalidRequests(sent)).toEqual([]);
  });

  it('asks GitHub nothing when no finding belongs on the pull request', async () => {
    const { head, findings } = scenario();
    const { sent } = githubApi();
    const result = await publishReview(testClient(), REPO, {
      pullNumber: 99,
      commitId: head,
      findings,
    });
    expect(result).toEqual({ commented: 0, alreadyCommented: 0, fileLevel: 0, listed: 0 });
    expect(sent).toEqual([]);
  });
});
