import { describe, expect, it } from 'vitest';
import {
  checkRunRequestedActionPayload,
  issueCommentCreatedPayload,
} from '../../emulators/github/webhook-payloads.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';

const CONFIG = `
policy:
  mode: approve
  approveTimeout: 10m
commands:
  responderTeams: [acme/security]
notify:
  issueRepo: acme/security
`;

// The allow-list of false positives is global by fingerprint: a command must need write access
// to every repository where the key was seen, not only to the one it came from.
describe('a command acts only on what its sender may change', () => {
  const h = useHarness(4701, { operatorConfig: CONFIG });
  let securityRepo: string | undefined;

  /** A production key held for approval in a private repository, then copied to a sandbox. */
  async function copiedToSandbox(name: string, prodPrivate = true) {
    // Issues of public leaks go to the security repository.
    securityRepo ??= await h.createRepo('security', { private: true });
    const prod = await h.createRepo(`${name}-prod`, { private: prodPrivate });
    const sandbox = await h.createRepo(`${name}-sandbox`, { private: true });
    h.emulator.setCollaboratorPermission(sandbox, 'sam', 'write');
    const leaked = h.unkey.addRootKey({ name, permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, prod, leaked.key);
    await expect
      .poll(async () => (await h.incidents.get(incidentId))?.status, { timeout: 20_000 })
      .toBe('awaiting-approval');
    const copy = await leakInPush(h, sandbox, leaked.key, 'sandbox/.env');
    await h.waitForReports();
    expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 2 });
    const checkRun = h.emulator.checkRuns(sandbox).find((r) => r.headSha === copy.commit)!;
    const issue = (await h.reports.issue(incidentId))!;
    return { prod, sandbox, incidentId, checkRun, issue };
  }

  const press = (
    repo: string,
    checkRun: { id: number; actions: { label: string; identifier: string }[] },
    label: string,
    login: string,
  ) =>
    h.deliver(
      'check_run',
      checkRunRequestedActionPayload(h.emulator, {
        repo,
        checkRunId: checkRun.id,
        identifier: checkRun.actions.find((a) => a.label === label)!.identifier,
        login,
      }),
    );
  const answers = (repo: string, issueNumber: number) =>
    h.emulator.issueComments(repo, issueNumber).filter((c) => c.author?.type !== 'User');

  it('refuses a false positive from the sandbox, without naming the private repository; allows it with access to both', async () => {
    const { prod, sandbox, incidentId, checkRun, issue } = await copiedToSandbox('fp-scope');
    expect(checkRun.actions.map((a) => a.label)).toContain('False positive');
    const before = answers(issue.repo, issue.number).length;

    await press(sandbox, checkRun, 'False positive', 'sam');
    await expect.poll(() => answers(issue.repo, issue.number).length, { timeout: 15_000 }).toBe(before + 1);
    const refusal = answers(issue.repo, issue.number).at(-1)!.body;
    expect(refusal).toMatch(
      /@sam: only people with write access to every repository where this key was seen/,
    );
    expect(refusal).toContain(
      'you lack write access to a private repository where this key was also seen (not named here)',
    );
    expect(refusal).not.toContain(prod);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'awaiting-approval' });

    // The same user, with write access to both repositories, may close it.
    h.emulator.setCollaboratorPermission(prod, 'sam', 'write');
    await press(sandbox, checkRun, 'False positive', 'sam');
    await expect
      .poll(async () => (await h.incidents.get(incidentId))?.status, { timeout: 15_000 })
      .toBe('false-positive');
    expect(await h.incidents.get(incidentId)).toMatchObject({ falsePositiveBy: 'sam' });
  });

  it('refuses "Revoke now" the same way, and names a public repository the sender lacks', async () => {
    const { prod, sandbox, incidentId, checkRun, issue } = await copiedToSandbox('approve-scope', false);
    h.emulator.setCollaboratorPermission(sandbox, 'pat', 'write');
    const before = answers(issue.repo, issue.number).length;
    await press(sandbox, checkRun, 'Revoke now', 'pat');
    await expect.poll(() => answers(issue.repo, issue.number).length, { timeout: 15_000 }).toBe(before + 1);
    expect(answers(issue.repo, issue.number).at(-1)!.body).toContain(`your permission on ${prod} is read`);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'awaiting-approval' });
  });

  it('lets a member of a responder team act with no access to the repositories', async () => {
    const { incidentId, issue } = await copiedToSandbox('team-scope');
    h.emulator.addTeamMember('acme', 'security', 'carol');
    await h.deliver(
      'issue_comment',
      issueCommentCreatedPayload(h.emulator, {
        repo: issue.repo,
        issueNumber: issue.number,
        body: '/rootguard approve',
        login: 'carol',
      }),
    );
    const state = await h.waitForPlaybook(incidentId);
    expect(state.steps.get('contain')?.outcome).toBe('done');
    expect(await h.incidents.get(incidentId)).toMatchObject({ approvedBy: 'carol' });
  });
});
