import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const owner = 'acme';
const repo = 'app';

describe('GitHub emulator: pull requests associated with a commit', () => {
  let fx: EmulatorFixture;
  let onMain: string;
  let shared: string;
  let onlyB: string;
  beforeAll(async () => {
    fx = await startFixture();
    onMain = await fx.emulator.commit(REPO, 'main', { 'a.txt': 'a\n' });
    await fx.emulator.createBranch(REPO, 'a', 'main');
    shared = await fx.emulator.commit(REPO, 'a', { 'b.txt': 'b\n' });
    await fx.emulator.createBranch(REPO, 'b', 'a');
    onlyB = await fx.emulator.commit(REPO, 'b', { 'c.txt': 'c\n' });
    // #1 (a → main) holds `shared`; #2 and #3 (b → main) hold `shared` and `onlyB`.
    await fx.emulator.openPullRequest(REPO, { number: 1, head: 'a', base: 'main' });
    await fx.emulator.openPullRequest(REPO, { number: 2, head: 'b', base: 'main' });
    await fx.emulator.openPullRequest(REPO, { number: 3, head: 'b', base: 'main' });
    fx.emulator.closePullRequest(REPO, 3);
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  const list = (commit_sha: string, extra: { per_page?: number; page?: number } = {}) =>
    fx.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha, ...extra });

  it('lists the PRs whose commits include the sha, open ones first', async () => {
    const { data } = await list(shared);
    expect(data.map((p) => [p.number, p.state])).toEqual([
      [2, 'open'],
      [1, 'open'],
      [3, 'closed'],
    ]);
    expect(data[2]!.closed_at).not.toBeNull();
    expect((await list(onlyB)).data.map((p) => p.number)).toEqual([2, 3]);
    // A commit already on the base belongs to no PR.
    expect((await list(onMain)).data).toEqual([]);
  });

  it('paginates like the other lists', async () => {
    const all = await fx.octokit.paginate(fx.octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
      owner,
      repo,
      commit_sha: shared,
      per_page: 1,
    });
    expect(all.map((p) => p.number)).toEqual([2, 1, 3]);
    const second = await list(shared, { per_page: 2, page: 2 });
    expect(second.data.map((p) => p.number)).toEqual([3]);
    expect(second.headers.link).toContain('rel="prev"');
  });

  it('answers 422 for a sha the repository does not have', async () => {
    await expect(list('f'.repeat(40))).rejects.toMatchObject({ status: 422 });
  });
});
