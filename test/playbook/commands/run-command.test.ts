import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/playbook/commands/run-command.js';
import type { CommandJob } from '../../../src/queue/command-job.js';
import { githubApi } from '../../github/octokit.js';
import { openCommandWorld, type CommandWorld } from './command-world.js';

let world: CommandWorld | undefined;
beforeEach(() => nock.disableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await world?.dispose();
  world = undefined;
});

const WAITING = { verify: 'done', identify: 'done', gate: 'running' } as const;
const ISSUE = { repo: 'acme/api', number: 12 };

function onIssue(command: CommandJob['command'], actor = 'octocat'): CommandJob {
  return {
    deliveryId: 'd-1',
    installationId: 42,
    repo: 'acme/api',
    actor,
    command,
    source: { kind: 'issue', issueNumber: 12, commentId: 900 },
  };
}

function onCheckRun(
  command: 'approve' | 'false-positive',
  incidentPrefix: string,
  actor = 'octocat',
): CommandJob {
  return {
    ...onIssue(command, actor),
    source: { kind: 'check-run', checkRunId: 77, incidentPrefix },
  };
}

/** GitHub answers that `login` has `permission` on acme/api. */
function permission(login: string, value: string) {
  const { scope } = githubApi();
  scope
    .get(`/repos/acme/api/collaborators/${login}/permission`)
    .reply(200, { permission: value, role_name: value });
}

async function linkIssue(w: CommandWorld, incidentId: string, number = 12) {
  await w.reports.setIssue(incidentId, {
    repo: 'acme/api',
    number,
    url: `https://github.com/acme/api/issues/${number}`,
  });
}

describe('runCommand on an incident issue', () => {
  it('answers help to anyone, without asking GitHub anything', async () => {
    world = await openCommandWorld(5501);
    expect(await runCommand(world.deps, onIssue('help', 'someone'))).toEqual([
      { answer: { kind: 'help' }, issue: ISSUE },
    ]);
  });

  it('says when the issue is not a rootguard incident', async () => {
    world = await openCommandWorld(5502);
    expect(await runCommand(world.deps, onIssue('retry'))).toEqual([
      { answer: { kind: 'not-an-incident', command: 'retry' }, issue: ISSUE },
    ]);
  });

  it('answers a user without write access with why not, and changes nothing', async () => {
    world = await openCommandWorld(5503);
    const id = await world.incident(WAITING, { status: 'awaiting-approval' });
    await linkIssue(world, id);
    permission('reader', 'read');
    expect(await runCommand(world.deps, onIssue('approve', 'reader'))).toEqual([
      {
        answer: { kind: 'no-permission', command: 'approve', repo: 'acme/api', permission: 'read' },
        issue: ISSUE,
      },
    ]);
    expect((await world.incidents.get(id))!.approvedBy).toBeUndefined();
    expect(world.notified).toEqual([]);
  });

  it("acts on the issue's incident for a user with write access, and answers on the issue", async () => {
    world = await openCommandWorld(5504);
    const id = await world.incident(WAITING, { status: 'awaiting-approval' });
    await linkIssue(world, id);
    permission('octocat', 'write');
    const [reply] = await runCommand(world.deps, onIssue('approve'));
    expect(reply).toMatchObject({ answer: { kind: 'approved' }, issue: ISSUE, incidentId: id });
    expect((await world.incidents.get(id))!.approvedBy).toBe('octocat');
  });
});

describe('runCommand from a check run button', () => {
  it('acts on the incident whose id starts with the prefix, and answers nothing on success', async () => {
    world = await openCommandWorld(5505);
    const [first, second] = [
      await world.incident(WAITING, { status: 'awaiting-approval' }),
      await world.incident(WAITING, { status: 'awaiting-approval' }),
    ] as [string, string];
    for (const id of [first, second])
      await world.reports.linkCheckRun(id, { repo: 'acme/api', checkRunId: 77, headSha: 'a'.repeat(40) });
    permission('octocat', 'admin');
    expect(await runCommand(world.deps, onCheckRun('approve', second.slice(4, 16)))).toEqual([
      { answer: { kind: 'approved', incident: expect.objectContaining({ id: second }) }, incidentId: second },
    ]);
    expect((await world.incidents.get(second))!.approvedBy).toBe('octocat');
    expect((await world.incidents.get(first))!.approvedBy).toBeUndefined();
  });

  it('approve:all approves every incident awaiting approval and leaves the others alone', async () => {
    world = await openCommandWorld(5506);
    const waiting = await world.incident(WAITING, { status: 'awaiting-approval' });
    const contained = await world.incident(
      { verify: 'done', contain: 'done' },
      { status: 'contained', finished: true },
    );
    for (const id of [waiting, contained])
      await world.reports.linkCheckRun(id, { repo: 'acme/api', checkRunId: 77, headSha: 'a'.repeat(40) });
    permission('octocat', 'maintain');
    const replies = await runCommand(world.deps, onCheckRun('approve', 'all'));
    expect(replies.map((r) => [r.incidentId, r.answer.kind])).toEqual([[waiting, 'approved']]);
    expect((await world.incidents.get(contained))!.approvedBy).toBeUndefined();
  });

  it("answers refusals on each incident's issue, and only logs those without one", async () => {
    world = await openCommandWorld(5507);
    const withIssue = await world.incident(
      { verify: 'done', contain: 'done' },
      { status: 'contained', finished: true },
    );
    const without = await world.incident(WAITING, { status: 'awaiting-approval' });
    await linkIssue(world, withIssue, 31);
    for (const id of [withIssue, without])
      await world.reports.linkCheckRun(id, { repo: 'acme/api', checkRunId: 77, headSha: 'a'.repeat(40) });

    permission('reader', 'triage');
    const denied = await runCommand(world.deps, onCheckRun('approve', 'all', 'reader'));
    expect(denied).toEqual([
      {
        answer: { kind: 'no-permission', command: 'approve', repo: 'acme/api', permission: 'triage' },
        incidentId: without,
      },
    ]);

    permission('octocat', 'write');
    const refused = await runCommand(world.deps, onCheckRun('false-positive', withIssue.slice(4, 16)));
    expect(refused).toEqual([
      {
        answer: {
          kind: 'false-positive-refused',
          incident: expect.objectContaining({ id: withIssue }),
          run: 1,
        },
        incidentId: withIssue,
        issue: { repo: 'acme/api', number: 31 },
      },
    ]);
    expect(await world.incidents.get(withIssue)).toMatchObject({ status: 'contained' });
  });

  it('does nothing for a prefix that matches no incident of the check run', async () => {
    world = await openCommandWorld(5508);
    const id = await world.incident(WAITING, { status: 'awaiting-approval' });
    await world.reports.linkCheckRun(id, { repo: 'acme/api', checkRunId: 77, headSha: 'a'.repeat(40) });
    expect(await runCommand(world.deps, onCheckRun('approve', 'zzzzzzzzzzzz'))).toEqual([]);
    expect((await world.incidents.get(id))!.approvedBy).toBeUndefined();
  });
});

describe('runCommand across repositories', () => {
  /** Adds a private occurrence of the incident's key in `repo`. */
  async function seenIn(w: CommandWorld, incidentId: string, repo: string) {
    const incident = (await w.incidents.get(incidentId))!;
    await w.incidents.recordOccurrence({
      fingerprint: incident.fingerprint,
      ruleId: incident.ruleId,
      masked: incident.masked,
      occurrence: {
        ruleId: incident.ruleId,
        location: { kind: 'commit', repo, commit: 'b'.repeat(40), path: '.env', line: 1, column: 1 },
        exposedAt: '2026-11-27T10:30:00Z',
        foundBy: 'push',
        repoPublic: false,
      },
    });
  }

  it('retries only for a user with write access to every repository where the key was seen', async () => {
    world = await openCommandWorld(5509);
    const id = await world.incident({ verify: 'done', identify: 'failed' }, { finished: true });
    await linkIssue(world, id);
    await seenIn(world, id, 'acme/prod');
    const { scope } = githubApi();
    scope
      .get('/repos/acme/api/collaborators/octocat/permission')
      .times(2)
      .reply(200, { permission: 'write', role_name: 'write' })
      .get('/repos/acme/prod/collaborators/octocat/permission')
      .reply(404, { message: 'Not Found' })
      .get('/repos/acme/prod/collaborators/octocat/permission')
      .reply(200, { permission: 'admin', role_name: 'admin' });

    // No access to the private acme/prod: refused, and acme/prod is not named.
    expect(await runCommand(world.deps, onIssue('retry'))).toEqual([
      { answer: { kind: 'no-permission', command: 'retry', unnamed: 1 }, issue: ISSUE },
    ]);
    expect((await world.runs.currentRun(id))!.steps.get('identify')!.outcome).toBe('failed');

    const [reply] = await runCommand(world.deps, onIssue('retry'));
    expect(reply).toMatchObject({ answer: { kind: 'retrying' }, incidentId: id });
    expect(scope.isDone()).toBe(true);
  });
});
