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

  it('create keeps labels and assignees; update changes title, body, state, labels and assignees', async () => {
    const { data: created } = await fx.octokit.rest.issues.create({
      owner,
      repo,
      title: 'Incident',
      body: 'first',
      labels: ['rootguard', { name: 'security' }],
      assignees: ['alice', 'bob'],
    });
    expect(created.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual([
      'rootguard',
      'security',
    ]);
    expect(created.assignees!.map((u) => u.login)).toEqual(['alice', 'bob']);
    expect(created.assignee!.login).toBe('alice');
    expect(fx.emulator.issues(REPO).at(-1)).toMatchObject({
      labels: ['rootguard', 'security'],
      assignees: ['alice', 'bob'],
    });
    const { data: updated } = await fx.octokit.rest.issues.update({
      owner,
      repo,
      issue_number: created.number,
      title: 'Incident (contained)',
      body: 'second',
      labels: ['rootguard', 'contained'],
      assignees: ['carol'],
      state: 'closed',
      state_reason: 'completed',
    });
    expect(updated).toMatchObject({
      title: 'Incident (contained)',
      body: 'second',
      state: 'closed',
      state_reason: 'completed',
      assignee: { login: 'carol' },
    });
    expect(updated.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual([
      'rootguard',
      'contained',
    ]);
    const { data: reopened } = await fx.octokit.rest.issues.update({
      owner,
      repo,
      issue_number: created.number,
      state: 'open',
    });
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
  });

  it('list-for-repo filters by state and every label, newest first, and paginates', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { data } = await fx.octokit.rest.issues.create({
        owner,
        repo,
        title: `paged ${i}`,
        labels: i % 2 === 0 ? ['paged', 'even'] : ['paged'],
      });
      numbers.push(data.number);
    }
    await fx.octokit.rest.issues.update({ owner, repo, issue_number: numbers[0]!, state: 'closed' });
    const byState = async (state: 'open' | 'closed' | 'all') =>
      (await fx.octokit.rest.issues.listForRepo({ owner, repo, labels: 'paged', state })).data.map(
        (i) => i.number,
      );
    expect(await byState('open')).toEqual(numbers.slice(1).reverse());
    expect(await byState('closed')).toEqual([numbers[0]]);
    expect(await byState('all')).toEqual([...numbers].reverse());
    const both = await fx.octokit.rest.issues.listForRepo({
      owner,
      repo,
      labels: 'paged,even',
      state: 'all',
    });
    expect(both.data.map((i) => i.number)).toEqual([numbers[4], numbers[2], numbers[0]]);
    const pages = await fx.octokit.paginate(fx.octokit.rest.issues.listForRepo, {
      owner,
      repo,
      labels: 'paged',
      state: 'all',
      per_page: 2,
    });
    expect(pages.map((i) => i.number)).toEqual([...numbers].reverse());
    const page2 = await fx.octokit.rest.issues.listForRepo({
      owner,
      repo,
      labels: 'paged',
      per_page: 2,
      page: 2,
    });
    expect(page2.data.map((i) => i.number)).toEqual([numbers[2], numbers[1]]);
    expect(page2.headers.link).toContain('rel="prev"');
  });
});
