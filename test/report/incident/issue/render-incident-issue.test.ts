import { describe, expect, it } from 'vitest';
import { maskKey } from '../../../../src/detect/mask.js';
import type { Occurrence } from '../../../../src/incidents/occurrence.js';
import type { TimelineEvent } from '../../../../src/incidents/step-record.js';
import type { IncidentReport } from '../../../../src/report/incident/incident-report.js';
import {
  incidentIssueMarker,
  ISSUE_TITLE_MAX_CHARS,
  renderIncidentIssue,
} from '../../../../src/report/incident/issue/render-incident-issue.js';
import { findKeyMaterial } from '../../../support/secret-canary.js';
import {
  allReports,
  at,
  automaticReport,
  fixtureKeys,
  occurrenceAt,
  runOf,
} from '../incident-report-fixtures.js';

const MAX_BODY = 65_536;
const k = fixtureKeys();
const reports = allReports(k);

describe('renderIncidentIssue', () => {
  it.each(Object.keys(reports))('renders the %s incident', (name) => {
    const issue = renderIncidentIssue(reports[name] as IncidentReport);
    expect(issue).toMatchSnapshot();
    expect(issue.labels).toEqual(['security', 'rootguard']);
    expect(
      issue.body.startsWith(`${incidentIssueMarker((reports[name] as IncidentReport).incident.id)}\n`),
    ).toBe(true);
    expect(
      findKeyMaterial(
        [
          ['title', issue.title],
          ['body', issue.body],
        ],
        k.keys,
      ),
    ).toEqual([]);
  });

  it("titles the issue with the masked key and the key's name, else its id, else nothing more", () => {
    const automatic = reports['automatic'] as IncidentReport;
    expect(renderIncidentIssue(automatic).title).toBe(
      `Leaked Unkey root key ${k.automatic.masked} ("deploy-bot")`,
    );
    expect(renderIncidentIssue(reports['assisted'] as IncidentReport).title).toBe(
      `Leaked Unkey root key ${k.assisted.masked}`,
    );
    const identify = automatic.run?.steps.get('identify');
    const unnamed = withStep(automatic, 'identify', {
      ...identify!,
      detail: { ...identify!.detail, name: null, inventoryName: undefined },
    });
    expect(renderIncidentIssue(unnamed).title).toBe(
      `Leaked Unkey root key ${k.automatic.masked} (key_3hT9sQ)`,
    );
  });

  it('keeps a title with a very long key name within 256 characters, on one line', () => {
    const automatic = reports['automatic'] as IncidentReport;
    const identify = automatic.run!.steps.get('identify')!;
    const long = withStep(automatic, 'identify', {
      ...identify,
      detail: { ...identify.detail, name: `a\nb${'x'.repeat(400)}` },
    });
    const { title } = renderIncidentIssue(long);
    expect(title.length).toBeLessThanOrEqual(ISSUE_TITLE_MAX_CHARS);
    expect(title).not.toMatch(/\n/);
  });

  it('shows the replacement only by id and mask', () => {
    const { body } = renderIncidentIssue(reports['automatic'] as IncidentReport);
    expect(body).toContain('`key_8Vr2nP` `' + maskKey(k.replacement) + '`');
    expect(findKeyMaterial([['body', body]], [k.replacement])).toEqual([]);
  });

  it('lists each manual step with its instruction, and the failed Slack delivery with its error', () => {
    const { body } = renderIncidentIssue(reports['assisted'] as IncidentReport);
    expect(body).toMatch(/^- \[ \] \*\*contain\*\*: In the Unkey dashboard/m);
    expect(body).toMatch(/^- \[ \] \*\*distribute\*\*: Once the key is rotated/m);
    expect(body).toContain(`\`rootguard deliver --incident ${k.assisted.id}\``);
    expect(body).toMatch(/The \*\*Slack message\*\* could not be sent .*Slack answered 404/);
  });

  it('stays within 65,536 characters with 20,000 occurrences, 5,000 affected keys and 2,000 timeline events', () => {
    const base = automaticReport(k);
    const occurrences: Occurrence[] = Array.from({ length: 20_000 }, (_, i) =>
      occurrenceAt(
        {
          kind: 'commit',
          repo: 'acme/api',
          commit: 'f'.repeat(40),
          path: `src/generated/file-${i}.ts`,
          line: i + 1,
          column: 1,
        },
        'push',
        { index: i },
      ),
    );
    const audit = base.run!.steps.get('audit')!;
    const affected = Array.from({ length: 5_000 }, (_, i) => ({
      keyId: `key_${i}`,
      apiId: 'api_1',
      reasons: ['created by the leaked key'],
    }));
    const timeline: TimelineEvent[] = Array.from({ length: 2_000 }, (_, i) => ({
      at: at(i * 1_000),
      run: 1,
      step: 'confirm',
      event: 'step-started',
      text: `probe ${i} of the key`,
    }));
    const huge: IncidentReport = {
      ...withStep(base, 'audit', { ...audit, detail: { ...audit.detail, affected } }),
      incident: { ...base.incident, occurrenceCount: occurrences.length },
      occurrences,
      timeline,
    };
    const { body } = renderIncidentIssue(huge);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body).toContain('### Where it was seen (20,000)');
    expect(body).toContain('- … and 19,950 more places');
    expect(body).toContain('src/generated/file-49.ts:50');
    expect(body).not.toContain('file-50.ts');
    expect(body).toContain('### Affected API keys (5,000)');
    expect(body).toContain('| … and 4,900 more keys | | |');
    expect(body).toContain('- … 1,900 earlier events');
    expect(body).toContain('probe 1999 of the key');
    expect(body).not.toContain('probe 1899 of');
    expect(body).toMatch(/<sub>updated .*<\/sub>\n$/);
  });

  it('cuts the lists further when their capped lines still do not fit', () => {
    const base = automaticReport(k);
    const path = `${'deep/'.repeat(150)}file.ts`;
    const occurrences = Array.from({ length: 500 }, (_, i) =>
      occurrenceAt(
        { kind: 'commit', repo: 'acme/api', commit: 'e'.repeat(40), path, line: i + 1, column: 1 },
        'push',
        { index: i },
      ),
    );
    const { body } = renderIncidentIssue({ ...base, occurrences });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body).toMatch(/- … and [\d,]+ more places\n/);
    expect(body).toContain('### Timeline (UTC)');
    expect(body).toContain('### Commands');
  });

  it('masks a key that reached a path, a job name or a step summary', () => {
    const base = automaticReport(k);
    const occurrences = [
      occurrenceAt(
        {
          kind: 'commit',
          repo: 'acme/api',
          commit: 'd'.repeat(40),
          path: `cfg/${k.spare}.env`,
          line: 1,
          column: 1,
        },
        'push',
      ),
      occurrenceAt(
        {
          kind: 'job-log',
          repo: 'acme/api',
          runId: 1,
          jobId: 2,
          jobName: `deploy ${k.spare}`,
          step: k.spare,
          line: 3,
        },
        'workflow_job',
      ),
    ];
    const verify = base.run!.steps.get('verify')!;
    const report = withStep({ ...base, occurrences }, 'verify', {
      ...verify,
      summary: `${'x'.repeat(490)} ${k.spare}`,
    });
    const { body } = renderIncidentIssue(report);
    expect(body).toContain(maskKey(k.spare).replace('_', '\\_'));
    expect(body).toContain(`| verify | done | 140 ms | ${'x'.repeat(490)} unkey\\_3Z…`);
    expect(findKeyMaterial([['body', body]], k.keys)).toEqual([]);
  });

  it('escapes markdown and HTML in paths, job names and step names', () => {
    const base = automaticReport(k);
    const occurrences = [
      occurrenceAt(
        {
          kind: 'commit',
          repo: 'acme/api',
          commit: 'c'.repeat(40),
          path: 'docs/[x](https://evil.example)|<img src=x>.md',
          line: 2,
          column: 1,
        },
        'push',
      ),
      occurrenceAt(
        {
          kind: 'job-log',
          repo: 'acme/api',
          runId: 1,
          jobId: 2,
          jobName: 'build\n## @acme/admins **now**',
          step: '`x` <script>',
          line: 3,
        },
        'workflow_job',
      ),
    ];
    const { body } = renderIncidentIssue({ ...base, occurrences });
    expect(body).not.toMatch(/(?<!\\)<img|(?<!\\)<script/);
    expect(body).not.toMatch(/(?<!\\)@acme\/admins/);
    expect(body).not.toMatch(/\n## @/);
    expect(body).toContain('/docs/%5Bx%5D%28https%3A//evil.example%29%7C%3Cimg%20src%3Dx%3E.md#L2)');
  });

  it('says which step is waiting and for what while a run is under way', () => {
    const base = automaticReport(k);
    const run = runOf(k.automatic.masked, [
      { step: 'verify', outcome: 'done', ms: 100, summary: 'live' },
      { step: 'identify', ms: 0, summary: 'waiting for a rate limit', waitingFor: 'a rate limit' },
    ]);
    const { body } = renderIncidentIssue({
      ...base,
      incident: { ...base.incident, status: 'open' },
      run: run.run,
      timeline: run.timeline,
    });
    expect(body).toContain(
      '**In progress**: step identify is waiting for a rate limit (looks again at 10:01:02 UTC).',
    );
    expect(body).toContain('| identify | waiting |  | waiting for a rate limit |');
  });
});

function withStep(report: IncidentReport, step: string, record: object): IncidentReport {
  const steps = new Map(report.run!.steps);
  steps.set(step as never, record as never);
  return { ...report, run: { ...report.run!, steps } };
}

describe('renderIncidentIssue, a reroll whose answer was lost', () => {
  it('names the orphaned replacements that were revoked', () => {
    const base = automaticReport(k);
    const steps = new Map(base.run!.steps);
    const contain = steps.get('contain')!;
    steps.set('contain', { ...contain, detail: { ...contain.detail, orphansRevoked: ['key_orphan1'] } });
    const issue = renderIncidentIssue({ ...base, run: { ...base.run!, steps } });
    expect(issue.body).toContain(
      '- **Orphans revoked**: `key_orphan1`: made by a reroll whose answer was lost, so nobody holds them; revoked',
    );
  });
});
