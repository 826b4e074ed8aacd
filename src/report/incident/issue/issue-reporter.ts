import { repoRefOf as repoRef, type GitHubClient } from '../../../github/github-client.js';
import { statusOf } from '../../../github/github-answer.js';
import type { IssueRef } from '../../../incidents/report-store.js';
import { bodyHash } from '../body-hash.js';
import { issueRepoFor } from './issue-repo-for.js';
import { incidentIssueMarker, renderIncidentIssue } from './render-incident-issue.js';
import { withReportLock } from '../../notify/report-lock.js';
import type { Reporter, ReporterContext, ReporterResult } from '../reporter.js';

/** Issues read while looking for one this incident already has (a crash after creating it). */
const MAX_ISSUE_PAGES = 10;

/**
 * The incident issue: opened once (labels, assignees from `notify.assignees`), then its title and
 * body edited in place as the playbook advances; closed as "not planned" for a false positive.
 * Before opening, the bot's own `rootguard` issues are searched for the incident's marker, so a
 * crash between opening and recording it never makes a second issue.
 */
export const issueReporter: Reporter = {
  name: 'issue',
  deliver: (ctx) =>
    withReportLock(ctx.deps.redis, ctx.deps.prefix, `${ctx.report.incident.id}:issue`, () =>
      deliverIssue(ctx),
    ),
};

async function deliverIssue(ctx: ReporterContext): Promise<ReporterResult> {
  const { deps, report } = ctx;
  const id = report.incident.id;
  const where = issueRepoFor(report, deps.config.notify);
  if ('none' in where) return { outcome: 'nothing', detail: where.none };
  const rendered = renderIncidentIssue(report);
  const closed = report.incident.status === 'false-positive';
  const hash = bodyHash({ ...rendered, closed });
  // The latest record, not the report's: another job may have opened it meanwhile.
  const recorded = await deps.reports.issue(id);
  if (recorded && (await deps.reports.lastSent(id, 'issue')) === hash) return { outcome: 'unchanged' };
  const client = await deps.reportClient(where.repo);
  const repo = repoRef(where.repo);
  const known = recorded ?? (await findIssue(client, where.repo, incidentIssueMarker(id), deps.botLogin));
  if (known) {
    await client.rest.issues.update({
      ...repo,
      issue_number: known.number,
      title: rendered.title,
      body: rendered.body,
      ...(closed ? { state: 'closed' as const, state_reason: 'not_planned' as const } : {}),
    });
    if (!recorded) await deps.reports.setIssue(id, known);
    await deps.reports.setLastSent(id, 'issue', hash);
    return { outcome: 'sent', detail: `edited ${known.url}` };
  }
  const issue = await openIssue(ctx, client, where.repo, rendered);
  await deps.reports.setIssue(id, issue);
  if (closed)
    await client.rest.issues.update({
      ...repo,
      issue_number: issue.number,
      state: 'closed',
      state_reason: 'not_planned',
    });
  await deps.reports.setLastSent(id, 'issue', hash);
  // The pull request comment and the check run link to it.
  await deps.notify({
    incidentId: id,
    run: ctx.job.run,
    revision: ctx.job.revision,
    trigger: 'issue-opened',
  });
  return { outcome: 'sent', detail: `opened ${issue.url}` };
}

async function openIssue(
  ctx: ReporterContext,
  client: GitHubClient,
  fullName: string,
  rendered: { title: string; body: string; labels: readonly string[] },
): Promise<IssueRef> {
  const assignees = [...(ctx.deps.config.notify.assignees ?? [])];
  const create = (withAssignees: boolean) =>
    client.rest.issues.create({
      ...repoRef(fullName),
      title: rendered.title,
      body: rendered.body,
      labels: [...rendered.labels],
      ...(withAssignees && assignees.length > 0 ? { assignees } : {}),
    });
  let answer;
  try {
    answer = await create(true);
  } catch (error) {
    // An assignee GitHub will not take (a typo, no access) must not cost the incident its issue.
    if (statusOf(error) !== 422 || assignees.length === 0) throw error;
    ctx.deps.log.warn(
      { incident: ctx.report.incident.id, repo: fullName },
      'GitHub refused the configured assignees (notify.assignees); the issue was opened without them',
    );
    answer = await create(false);
  }
  return { repo: fullName, number: answer.data.number, url: answer.data.html_url };
}

/** The bot's open or closed `rootguard` issue that carries the incident's marker, if any. */
async function findIssue(
  client: GitHubClient,
  fullName: string,
  marker: string,
  botLogin: string | undefined,
): Promise<IssueRef | undefined> {
  for (let page = 1; page <= MAX_ISSUE_PAGES; page++) {
    const { data } = await client.rest.issues.listForRepo({
      ...repoRef(fullName),
      labels: 'rootguard',
      state: 'all',
      per_page: 100,
      page,
    });
    const mine = data.find(
      (issue) =>
        issue.body?.includes(marker) &&
        !issue.pull_request &&
        (botLogin === undefined ? issue.user?.type === 'Bot' : issue.user?.login === botLogin),
    );
    if (mine) return { repo: fullName, number: mine.number, url: mine.html_url };
    if (data.length < 100) return undefined;
  }
  return undefined;
}
