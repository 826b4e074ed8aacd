import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const owner = 'acme';
const repo = 'app';

describe('GitHub emulator: issues', () => {
  let fx: EmulatorFixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  it('creates, reads, updates, lists and comments on issues', async () => {
    const { data: created } = await fx.octokit.rest.issues.create({
      owner,
      repo,
      title: 'Leaked root key',
      body: 'masked',
      labels: ['rootguard'],
    });
    expect(created).toMatchObject({ number: 1, state: 'open' });
    await fx.octokit.rest.issues.create({ owner, repo, title: 'Other' });
    const { data: labelled } = await fx.octokit.rest.issues.listForRepo({ owner, repo, labels: 'rootguard' });
    expect(labelled.map((i) => i.number)).toEqual([1]);
    await fx.octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'step 1 done' });
    const { data: closed } = await fx.octokit.rest.issues.update({
      owner,
      repo,
      issue_number: 1,
      state: 'closed',
    });
    expect(closed).toMatchObject({ state: 'closed', state_reason: 'completed', comments: 1 });
    const { data: open } = await fx.octokit.rest.issues.listForRepo({ owner, repo });
    expect(open.map((i) => i.number)).toEqual([2]);
    expect(fx.emulator.issues(REPO).map((i) => i.title)).toEqual(['Leaked root key', 'Other']);
    await expect(fx.octokit.rest.issues.get({ owner, repo, issue_number: 99 })).rejects.toMatchObject({
      status: 404,
    });
  });
});
