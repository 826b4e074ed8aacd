import { describe, expect, it } from 'vitest';
import {
  checkRunRequestedActionPayload,
  issueCommentCreatedPayload,
} from '../../emulators/github/webhook-payloads.js';
import { INSTALLATION_ID, useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';
import { outcomesOf } from './playbook-support.js';

const CONFIG = `
policy:
  mode: auto
  rules:
    - match: acme/held-*
      mode: approve
      approveTimeout: 10m
notify:
  slack:
    - match: acme
      webhookUrlEnv: SLACK_WEBHOOK_SECURITY
`;
const PERMISSIONS = ['api.*.read_key'];

describe('commands on the incident issue and the check run buttons', () => {
  const h = useHarness(5601, { operatorConfig: CONFIG, slackChannels: ['security'] });

  /** A leak held for approval, with its issue open and its check run's buttons up. */
  async function heldLeak(name: string) {
    const repo = await h.createRepo(name, { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    h.emulator.setCollaboratorPermission(repo, 'alice', 'write');
    h.emulator.setCollaboratorPermission(repo, 'mallory', 'read');
    const leaked = h.unkey.addRootKey({ name, permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId, commit } = await leakInPush(h, repo, leaked.key);
    await expect
      .poll(async () => (await h.incidents.get(incidentId))?.status, { timeout: 20_000 })
      .toBe('awaiting-approval');
    await h.waitForReports();
    const issue = (await h.reports.issue(incidentId))!;
    expect(issue).toBeDefined();
    const checkRun = h.emulator.checkRuns(repo).find((r) => r.headSha === commit)!;
    return { repo, leaked, incidentId, issue, checkRun };
  }

  const comment = (repo: string, issueNumber: number, login: string, body: string) =>
    h.deliver('issue_comment', issueCommentCreatedPayload(h.emulator, { repo, issueNumber, body, login }));

  /** Comments the bot wrote on the issue (the answers). */
  const answers = (repo: string, issueNumber: number) =>
    h.emulator.issueComments(repo, issueNumber).filter((c) => c.author?.type !== 'User');

  it('answers a user without write access with why not, and approves for one with it', async () => {
    const { repo, incidentId, issue, checkRun } = await heldLeak('held-comment');
    expect(issue.repo).toBe(repo);
    expect(h.emulator.issues(repo)[0]!.body).toContain('/rootguard approve');
    expect(checkRun.actions.map((a) => a.label)).toEqual(['Revoke now', 'False positive']);

    expect((await comment(repo, issue.number, 'mallory', '/rootguard approve')).status).toBe(200);
    await expect.poll(() => answers(repo, issue.number).length, { timeout: 15_000 }).toBe(1);
    expect(answers(repo, issue.number)[0]!.body).toMatch(/@mallory.*write access/s);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'awaiting-approval' });

    await comment(repo, issue.number, 'alice', '/rootguard approve');
    const state = await h.waitForPlaybook(incidentId);
    expect(outcomesOf(state)).toMatchObject({
      gate: 'done',
      contain: 'done',
      distribute: 'done',
      confirm: 'done',
    });
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'contained', approvedBy: 'alice' });
    await h.waitForReports();
    expect(h.emulator.issues(repo)[0]!.body).toMatch(/contained/i);
    // The buttons go once nothing awaits approval.
    expect(h.emulator.checkRuns(repo).find((r) => r.id === checkRun.id)!.actions).toEqual([]);
    // Slack heard when it opened, when it waited for an approval, and when it was contained.
    const slack = h.slack.messages('security').filter((m) => JSON.stringify(m.payload).includes(incidentId));
    expect(slack.map((m) => m.text)).toEqual([
      expect.stringMatching(/found a leaked/i),
      expect.stringMatching(/approval/i),
      expect.stringMatching(/contained/i),
    ]);
  });

  it('contains at once when a user with write access presses "Revoke now"', async () => {
    const { repo, incidentId, checkRun } = await heldLeak('held-button');
    const revoke = checkRun.actions.find((a) => a.label === 'Revoke now')!;
    await h.deliver(
      'check_run',
      checkRunRequestedActionPayload(h.emulator, {
        repo,
        checkRunId: checkRun.id,
        identifier: revoke.identifier,
        login: 'alice',
      }),
    );
    await h.waitForPlaybook(incidentId);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'contained', approvedBy: 'alice' });
  });

  it('closes a false positive, and then allows the key by its fingerprint', async () => {
    const { repo, leaked, incidentId, issue, checkRun } = await heldLeak('held-false-positive');
    const unkeyWrites = h.unkey.requests.length;
    const fp = checkRun.actions.find((a) => a.label === 'False positive')!;
    await h.deliver(
      'check_run',
      checkRunRequestedActionPayload(h.emulator, {
        repo,
        checkRunId: checkRun.id,
        identifier: fp.identifier,
        login: 'alice',
      }),
    );
    await expect
      .poll(async () => (await h.incidents.get(incidentId))?.status, { timeout: 15_000 })
      .toBe('false-positive');
    await h.waitForReports();
    const closed = h.emulator.issues(repo).find((i) => i.number === issue.number)!;
    expect(closed.state).toBe('closed');
    expect(closed.body).toMatch(/false positive/i);
    expect(h.unkey.rootKey(leaked.keyId)!.expires).toBeNull();
    expect(h.unkey.requests.slice(unkeyWrites).filter((r) => r.op === 'rootKeys.rerollKey')).toEqual([]);

    // The same key pushed again: allowed, no new run, and the check run does not fail on it.
    const again = await leakInPush(h, repo, leaked.key, 'config/other.env');
    const run = h.emulator.checkRuns(repo).find((r) => r.headSha === again.commit)!;
    expect(run.conclusion).not.toBe('failure');
    expect(run.output?.summary).toMatch(/allowed/i);
    expect((await h.incidents.get(incidentId))!.run).toBe(1);
  });

  it('retries the steps a human unblocked: a deploy secret GitHub refused, once the permission is granted', async () => {
    const repo = await h.createRepo('retry', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    h.emulator.setCollaboratorPermission(repo, 'alice', 'admin');
    h.emulator.setInstallationPermissions(INSTALLATION_ID, { secrets: 'read' });
    const leaked = h.unkey.addRootKey({ name: 'retry', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    try {
      const { incidentId } = await leakInPush(h, repo, leaked.key);
      const first = await h.waitForPlaybook(incidentId);
      expect(outcomesOf(first)).toMatchObject({ contain: 'done', distribute: 'manual' });
      expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });
      await h.waitForReports();
      const issue = (await h.reports.issue(incidentId))!;
      expect(h.emulator.issues(repo)[0]!.body).toMatch(/- \[ \] \*\*distribute\*\*/);

      h.emulator.setInstallationPermissions(INSTALLATION_ID, { secrets: 'write' });
      const rerolls = h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey').length;
      await comment(repo, issue.number, 'alice', '/rootguard retry');
      await expect
        .poll(async () => (await h.incidents.get(incidentId))?.status, { timeout: 30_000 })
        .toBe('contained');
      const state = (await h.runs.currentRun(incidentId))!;
      expect(outcomesOf(state)).toMatchObject({ contain: 'done', distribute: 'done', report: 'done' });
      // Done steps never run twice: the key was rerolled once.
      expect(h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey').length).toBe(rerolls);
    } finally {
      h.emulator.setInstallationPermissions(INSTALLATION_ID, { secrets: 'write' });
    }
  });
});
