import { describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { maskKey } from '../../src/detect/mask.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';
import { AUTOMATIC_RUN, outcomesOf } from './playbook-support.js';

const CONFIG = `
notify:
  issueRepo: acme/security
  assignees: [alice]
  slack:
    - match: acme/slack-down
      webhookUrlEnv: SLACK_WEBHOOK_DOWN
    - match: acme/slack-limited
      webhookUrlEnv: SLACK_WEBHOOK_LIMITED
    - match: acme
      webhookUrlEnv: SLACK_WEBHOOK_SECURITY
`;
const PERMISSIONS = ['api.*.read_key'];
/** Paths only the reporters call (the scan and the playbook never touch issues or comments). */
const REPORT_PATH = /^\/repos\/[^/]+\/[^/]+\/issues/;

describe('reports: incident issue, pull request comment, check run, Slack', () => {
  const h = useHarness(5501, {
    operatorConfig: CONFIG,
    slackChannels: ['security', 'down', 'limited'],
  });

  /** Slack messages about one key (by its mask). */
  const metricsText = async () => (await fetch(`${h.runtime.url}/metrics`)).text();
  const slackAbout = (key: string, channel = 'security') =>
    h.slack.messages(channel).filter((m) => JSON.stringify(m.payload).includes(maskKey(key)));

  it('reports an automatic containment once each, in place, and links them', async () => {
    const repo = await h.createRepo('payments', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const main = (await h.emulator.branchSha(repo, 'main')) as string;
    await h.emulator.createBranch(repo, 'feature/env', main);
    const pull = await h.emulator.openPullRequest(repo, { head: 'feature/env', base: 'main', title: 'env' });
    const leaked = h.unkey.addRootKey({ name: 'payments-prod', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const commit = await h.emulator.commit(
      repo,
      'feature/env',
      { '.env.production': `PORT=3000\nUNKEY_ROOT_KEY=${leaked.key}\n` },
      { message: 'add production env' },
    );
    const push = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'feature/env', before: main }),
    );
    await h.waitForScan(push.deliveryId);
    const incidentId = (await h.incidents.list()).at(-1)!;
    const state = await h.waitForPlaybook(incidentId);
    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    await h.waitForReports();

    // One issue in the leaking (private) repository, labelled, assigned, linked from the others.
    const issues = h.emulator.issues(repo);
    expect(issues).toHaveLength(1);
    const issue = issues[0]!;
    expect(issue.labels).toEqual(expect.arrayContaining(['security', 'rootguard']));
    expect(issue.assignees).toEqual(['alice']);
    expect(issue.title).toContain(maskKey(leaked.key));
    expect(issue.title).toContain('payments-prod');
    expect(issue.body).toContain('.env.production');
    expect(issue.body).toMatch(/contained/i);
    expect(await h.reports.issue(incidentId)).toMatchObject({ repo, number: issue.number });
    expect(await h.reports.incidentForIssue(repo, issue.number)).toBe(incidentId);

    // One sticky comment on the pull request, naming the line and linking the issue.
    const comments = h.emulator.issueComments(repo, pull);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('.env.production');
    expect(comments[0]!.body).toContain(`/issues/${issue.number}`);

    // The push's check run gained the incident's section (the scan's own summary first).
    const run = h.emulator.checkRuns(repo).find((r) => r.headSha === commit)!;
    expect(run.output?.summary).toContain(`rootguard:incident:${incidentId}:check`);
    expect(run.actions ?? []).toEqual([]);

    // Slack: the opening message and the closing one, each with a plain-text fallback.
    const messages = slackAbout(leaked.key);
    expect(messages).toHaveLength(2);
    for (const message of messages) expect(message.text.length).toBeGreaterThan(0);
    expect(messages[1]!.text).toMatch(/contained/i);
    expect((await h.reports.deliveries(incidentId)).filter((d) => d.status === 'failed')).toEqual([]);

    // The same push delivered again (a redelivery, a rescan): edits at most, never a second report.
    const again = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'feature/env', before: main }),
    );
    await h.waitForScan(again.deliveryId);
    await h.waitForReports();
    expect(h.emulator.issues(repo)).toHaveLength(1);
    expect(h.emulator.issueComments(repo, pull)).toHaveLength(1);
    expect(slackAbout(leaked.key)).toHaveLength(2);
  });

  it("opens a public repository's incident issue in the security repository, never in the public one", async () => {
    await h.createRepo('security', { private: true });
    const repo = await h.createRepo('public-site', { private: false });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'site', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    await h.waitForPlaybook(incidentId);
    await h.waitForReports();

    expect(h.emulator.issues(repo)).toEqual([]);
    const mine = h.emulator.issues('acme/security').filter((i) => i.body?.includes(incidentId));
    expect(mine).toHaveLength(1);
    expect(await h.reports.issue(incidentId)).toMatchObject({ repo: 'acme/security' });
  });

  it('keeps containing when Slack is gone, and the other reports say the Slack report failed', async () => {
    const repo = await h.createRepo('slack-down', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    h.slack.fault({ channel: 'down', kind: 'not-found', times: 100 });
    const leaked = h.unkey.addRootKey({ name: 'slack-down', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    await h.waitForReports();

    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'contained' });
    expect(slackAbout(leaked.key, 'down')).toEqual([]);
    const slack = (await h.reports.deliveries(incidentId)).find((d) => d.reporter === 'slack');
    expect(slack).toMatchObject({ status: 'failed' });
    expect(slack!.error).toMatch(/404/);
    expect(h.emulator.issues(repo)[0]!.body).toMatch(/slack/i);
    // /metrics counts the Slack reporter's last failure by upstream and reason.
    expect(await metricsText()).toMatch(
      /^rootguard_report_failures_total\{reporter="slack",upstream="slack",reason="refused",final="true"\} [1-9]/m,
    );
  });

  it("waits out Slack's Retry-After and then delivers", async () => {
    const repo = await h.createRepo('slack-limited', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    h.slack.fault({ channel: 'limited', kind: 'rate-limited', times: 1, retryAfterSeconds: 1 });
    const leaked = h.unkey.addRootKey({ name: 'slack-limited', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    await h.waitForPlaybook(incidentId);
    await h.waitForReports();

    expect(slackAbout(leaked.key, 'limited')).toHaveLength(2);
    const limited = h.slack.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect((await h.reports.deliveries(incidentId)).filter((d) => d.status === 'failed')).toEqual([]);
    expect(await metricsText()).toMatch(
      /^rootguard_report_failures_total\{reporter="slack",upstream="slack",reason="http-429",final="false"\} [1-9]/m,
    );
  });

  it("holds every report to the installation while GitHub's secondary rate limit is in force", async () => {
    const repo = await h.createRepo('limited', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    h.emulator.faults.add({
      method: 'POST',
      path: `/repos/${repo}/issues`,
      kind: 'secondary-rate-limit',
      retryAfter: 2,
      times: 1,
    });
    h.emulator.faults.add({
      method: 'PATCH',
      path: /\/repos\/acme\/limited\/issues\/\d+$/,
      kind: 'server-error',
      times: 1,
    });
    const leaked = h.unkey.addRootKey({ name: 'limited', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    await h.waitForReports();

    // The limit cost the issue nothing: one issue, up to date.
    expect(h.emulator.issues(repo)).toHaveLength(1);
    expect(h.emulator.issues(repo)[0]!.body).toMatch(/contained/i);
    // While the limit was in force, no report request went to GitHub.
    const limitedAt = h.emulator.requests.find(
      (r) => r.method === 'POST' && r.path === `/repos/${repo}/issues` && r.status === 403,
    )!;
    expect(limitedAt).toBeDefined();
    const during = h.emulator.requests.filter(
      (r) => REPORT_PATH.test(r.path) && r.at > limitedAt.at && r.at < limitedAt.at + 1_900,
    );
    expect(during).toEqual([]);
  });
});
