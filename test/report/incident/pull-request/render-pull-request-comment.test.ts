import { describe, expect, it } from 'vitest';
import type { IncidentReport } from '../../../../src/report/incident/incident-report.js';
import {
  pullRequestCommentMarker,
  renderPullRequestComment,
} from '../../../../src/report/incident/pull-request/render-pull-request-comment.js';
import { findKeyMaterial } from '../../../support/secret-canary.js';
import { allReports, automaticReport, fixtureKeys, occurrenceAt } from '../incident-report-fixtures.js';

const k = fixtureKeys();
const reports = allReports(k);
/** The pull request each fixture's key was found in (or one of its repository for the others). */
const PULLS: Record<string, { repo: string; number: number }> = {
  automatic: { repo: 'acme/api', number: 42 },
  assisted: { repo: 'acme/web', number: 8 },
  'dry-run': { repo: 'acme/tools', number: 2 },
  'false-positive': { repo: 'acme/app', number: 7 },
  'awaiting-approval': { repo: 'acme/app', number: 7 },
};

describe('renderPullRequestComment', () => {
  it.each(Object.keys(reports))('renders the %s incident', (name) => {
    const report = reports[name] as IncidentReport;
    const pull = PULLS[name]!;
    const body = renderPullRequestComment(report, pull);
    expect(body).toMatchSnapshot();
    expect(body.startsWith(`${pullRequestCommentMarker(report.incident.id, pull.number)}\n`)).toBe(true);
    expect(findKeyMaterial([['body', body]], k.keys)).toEqual([]);
  });

  it("lists this pull request's lines, and lines of the same commits seen by a push, but not other repositories' or pulls'", () => {
    const base = automaticReport(k);
    const commit = 'b'.repeat(40);
    const occurrences = [
      occurrenceAt(
        { kind: 'commit', repo: 'acme/api', commit, path: 'a.ts', line: 1, column: 1, pullRequest: 42 },
        'pull_request',
      ),
      occurrenceAt({ kind: 'commit', repo: 'acme/api', commit, path: 'b.ts', line: 2, column: 1 }, 'push'),
      occurrenceAt(
        {
          kind: 'commit',
          repo: 'acme/api',
          commit: 'c'.repeat(40),
          path: 'c.ts',
          line: 3,
          column: 1,
          pullRequest: 43,
        },
        'pull_request',
      ),
      occurrenceAt(
        { kind: 'commit', repo: 'acme/other', commit, path: 'd.ts', line: 4, column: 1, pullRequest: 42 },
        'pull_request',
      ),
    ];
    const body = renderPullRequestComment({ ...base, occurrences }, { repo: 'acme/api', number: 42 });
    expect(body).toContain('a.ts:1');
    expect(body).toContain('b.ts:2');
    expect(body).not.toContain('c.ts:3');
    expect(body).not.toContain('d.ts:4');
  });

  it('tells the author to rewrite history and never paste the new key, and that the new key is deployed', () => {
    const body = renderPullRequestComment(reports['automatic'] as IncidentReport, PULLS['automatic']!);
    expect(body).toContain('`git rebase -i`');
    expect(body).toContain('`git filter-repo --replace-text`');
    expect(body).toContain('force-push');
    expect(body).toContain('**Never paste the new key**');
    expect(body).toContain('already in the deployment secrets (2 deploy targets)');
    expect(body).toContain('[acme/api#17](https://github.com/acme/api/issues/17)');
  });

  it('says what is pending: approval, or the steps left for a human', () => {
    expect(
      renderPullRequestComment(reports['awaiting-approval'] as IncidentReport, PULLS['awaiting-approval']!),
    ).toContain('`/rootguard approve`');
    expect(renderPullRequestComment(reports['assisted'] as IncidentReport, PULLS['assisted']!)).toContain(
      'Left for a human (see the incident issue): `contain`, `distribute`.',
    );
  });

  it('stays within the limit with 20,000 lines in the pull request, escaping and masking their paths', () => {
    const base = automaticReport(k);
    const occurrences = Array.from({ length: 20_000 }, (_, i) =>
      occurrenceAt(
        {
          kind: 'commit',
          repo: 'acme/api',
          commit: 'a'.repeat(40),
          path: `x/${k.spare}/<b>*${i}*.ts`,
          line: i + 1,
          column: 1,
          pullRequest: 42,
        },
        'pull_request',
        { index: i },
      ),
    );
    const body = renderPullRequestComment({ ...base, occurrences }, { repo: 'acme/api', number: 42 });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('- … and 19,950 more lines');
    expect(body).not.toMatch(/(?<!\\)<b>/);
    expect(findKeyMaterial([['body', body]], k.keys)).toEqual([]);
  });
});
