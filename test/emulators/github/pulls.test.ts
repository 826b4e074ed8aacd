import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const owner = 'acme';
const repo = 'app';

describe('GitHub emulator: pull requests and reviews', () => {
  let fx: EmulatorFixture;
  let pull_number: number;
  let head: string;
  beforeAll(async () => {
    fx = await startFixture();
    await fx.emulator.commit(REPO, 'main', { 'src/config.ts': 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n' });
    await fx.emulator.createBranch(REPO, 'feature', 'main');
    head = await fx.emulator.commit(REPO, 'feature', {
      'src/config.ts': 'a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n',
      'img.bin': Buffer.from([0, 1, 2, 0]),
    });
    pull_number = await fx.emulator.openPullRequest(REPO, {
      head: 'feature',
      base: 'main',
      title: 'Feature',
    });
  });
  afterAll(async () => {
    await fx.emulator.close();
  });

  it('serves the pull request, its commits and its files', async () => {
    const { data: pr } = await fx.octokit.rest.pulls.get({ owner, repo, pull_number });
    expect(pr).toMatchObject({
      number: pull_number,
      title: 'Feature',
      state: 'open',
      commits: 1,
      changed_files: 2,
    });
    expect(pr.head).toMatchObject({ ref: 'feature', sha: head });
    const { data: commits } = await fx.octokit.rest.pulls.listCommits({ owner, repo, pull_number });
    expect(commits.map((c) => c.sha)).toEqual([head]);
    const files = await fx.octokit.paginate(fx.octokit.rest.pulls.listFiles, {
      owner,
      repo,
      pull_number,
      per_page: 1,
    });
    expect(files.map((f) => f.filename).sort()).toEqual(['img.bin', 'src/config.ts']);
    expect(fx.emulator.violations).toEqual([]);
  });

  it('accepts a review whose comments are on lines of the diff, and records it', async () => {
    const { data } = await fx.octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number,
      event: 'COMMENT',
      body: 'rootguard found a key',
      comments: [
        { path: 'src/config.ts', line: 5, side: 'RIGHT', body: 'leaked here' },
        { path: 'src/config.ts', line: 2, body: 'context line' },
      ],
    });
    expect(data.state).toBe('COMMENTED');
    expect(fx.emulator.reviews(REPO, pull_number)).toHaveLength(1);
    const { data: comments } = await fx.octokit.rest.pulls.listReviewComments({ owner, repo, pull_number });
    expect(comments.map((c) => c.line)).toEqual([5, 2]);
    expect(comments[0]!.diff_hunk).toMatch(/^@@ -2,7 \+2,7 @@/);
    expect(fx.emulator.violations).toEqual([]);
  });

  it('rejects a review with a comment outside the diff like GitHub (422), storing nothing', async () => {
    const before = fx.emulator.reviewComments(REPO, pull_number).length;
    const error = await fx.octokit.rest.pulls
      .createReview({
        owner,
        repo,
        pull_number,
        event: 'COMMENT',
        body: 'x',
        comments: [{ path: 'src/config.ts', line: 10, body: 'far away' }],
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422 });
    expect((error as Error).message).toContain('Unprocessable Entity');
    expect(JSON.stringify((error as { response: { data: unknown } }).response.data)).toContain(
      'pull_request_review_thread.line must be part of the diff',
    );
    expect(fx.emulator.reviewComments(REPO, pull_number)).toHaveLength(before);
    // A binary file has no diff lines either; a file-level comment is fine.
    await expect(
      fx.octokit.rest.pulls.createReviewComment({
        owner,
        repo,
        pull_number,
        commit_id: head,
        path: 'img.bin',
        line: 1,
        body: 'x',
      }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('Validation Failed') });
    const { data: fileComment } = await fx.octokit.rest.pulls.createReviewComment({
      owner,
      repo,
      pull_number,
      commit_id: head,
      path: 'img.bin',
      subject_type: 'file',
      body: 'binary file changed',
    });
    expect(fileComment.subject_type).toBe('file');
    expect(fx.emulator.violations).toEqual([]);
  });

  it('takes issue comments on the pull request number (sticky PR comment)', async () => {
    const { data } = await fx.octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pull_number,
      body: 'first',
    });
    await fx.octokit.rest.issues.updateComment({ owner, repo, comment_id: data.id, body: 'updated' });
    const { data: list } = await fx.octokit.rest.issues.listComments({
      owner,
      repo,
      issue_number: pull_number,
    });
    expect(list.map((c) => c.body)).toEqual(['updated']);
    expect(fx.emulator.violations).toEqual([]);
  });
});
