import { describe, expect, it } from 'vitest';
import { checkRunRequestedActionPayload } from '../../emulators/github/webhook-payloads.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { outcomesOf } from '../integration/playbook-support.js';

// The deadline leaves room for the click to be answered first on a busy machine.
const CONFIG = `
policy:
  mode: approve
  approveTimeout: 20s
  onApproveTimeout: contain
`;

// F24 (issue 12): the approval gate, and a click by a user without permission → the playbook
// waits without spending attempts; the unauthorised click is refused and answered; the deadline
// escalates.
describe('F24: the approval gate and a click by a user without permission', () => {
  const h = useHarness(6104, { operatorConfig: CONFIG });

  it('waits without spending attempts, refuses and answers the click, and escalates at the deadline', async () => {
    const repo = await h.createRepo('f24', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    h.emulator.setCollaboratorPermission(repo, 'mallory', 'read');
    const leaked = h.unkey.addRootKey({ name: 'f24', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const { incidentId, commit } = await leakInPush(h, repo, leaked.key);
    await expect
      .poll(async () => (await h.incidents.get(incidentId))?.status, { timeout: 10_000 })
      .toBe('awaiting-approval');
    await h.waitForReports();
    const job = async () => (await h.playbookQueue.getJob(incidentId))!;
    expect(await (await job()).getState()).toBe('delayed');
    expect((await job()).attemptsMade).toBe(0);

    const checkRun = h.emulator.checkRuns(repo).find((r) => r.headSha === commit)!;
    const revoke = checkRun.actions.find((a) => a.label === 'Revoke now')!;
    const issue = (await h.reports.issue(incidentId))!;
    const answers = () =>
      h.emulator.issueComments(repo, issue.number).filter((c) => c.author?.type !== 'User');
    const click = await h.deliver(
      'check_run',
      checkRunRequestedActionPayload(h.emulator, {
        repo,
        checkRunId: checkRun.id,
        identifier: revoke.identifier,
        login: 'mallory',
      }),
    );
    expect(click.status).toBe(200);
    await expect.poll(() => answers().length, { timeout: 10_000 }).toBe(1);
    expect(answers()[0]!.body).toMatch(
      /^@mallory: only people with write access.*your permission on .* is read\. Nothing was changed\.$/s,
    );
    // Refused: still waiting, no approval, no attempt spent, the key still live.
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'awaiting-approval' });
    expect((await h.incidents.get(incidentId))!.approvedBy).toBeUndefined();
    expect(await (await job()).getState()).toBe('delayed');
    expect((await job()).attemptsMade).toBe(0);
    expect(h.unkey.rootKey(leaked.keyId)!.expires).toBeNull();

    // The deadline passes: escalated, and contained as the policy says.
    const state = await h.waitForPlaybook(incidentId);
    expect(outcomesOf(state)).toMatchObject({ gate: 'done', contain: 'done', confirm: 'done' });
    expect(state.steps.get('gate')!.detail).toMatchObject({ timedOut: true, proceed: true });
    expect((await h.runs.timeline(incidentId)).map((e) => e.event)).toContain('escalated');
    expect(h.unkey.rootKey(leaked.keyId)!.expires).not.toBeNull();
    expect((await h.incidents.get(incidentId))!.approvedBy).toBeUndefined();
  }, 60_000);
});
