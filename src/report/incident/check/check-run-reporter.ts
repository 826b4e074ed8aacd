import type { CheckRunRef } from '../../../incidents/report-store.js';
import { bodyHash } from '../body-hash.js';
import type { IncidentReport } from '../incident-report.js';
import { repoRefOf as repoRef } from '../../../github/github-client.js';
import { loadIncidentReport } from '../load-incident-report.js';
import {
  incidentCheckActions,
  mergeCheckSummary,
  renderIncidentCheckSection,
} from './render-incident-check.js';
import { withReportLock } from '../../notify/report-lock.js';
import type { Reporter, ReporterContext, ReporterResult } from '../reporter.js';

/**
 * The check runs of the scans that found the key gain the incident's state: a section of their
 * summary (the scan's own summary stays first), and under the `approve` policy the "Revoke now"
 * and "False positive" buttons. A check run still in progress is left to its scan, which asks
 * for this report again when it completes (trigger `scanned`).
 */
export const checkRunReporter: Reporter = {
  name: 'check-run',
  async deliver(ctx) {
    const runs = await ctx.deps.reports.checkRuns(ctx.report.incident.id);
    if (runs.length === 0) return { outcome: 'nothing', detail: 'no check run reported the key' };
    let sent = 0;
    for (const ref of runs) {
      const result = await withReportLock(
        ctx.deps.redis,
        ctx.deps.prefix,
        `check:${ref.repo}#${ref.checkRunId}`,
        () => deliverCheck(ctx, ref),
      );
      if (result.outcome === 'sent') sent++;
    }
    return sent > 0 ? { outcome: 'sent', detail: `${sent} check run(s) updated` } : { outcome: 'unchanged' };
  },
};

async function deliverCheck(ctx: ReporterContext, ref: CheckRunRef): Promise<ReporterResult> {
  const { deps, report } = ctx;
  const id = report.incident.id;
  const target = `check:${ref.repo}#${ref.checkRunId}`;
  const section = renderIncidentCheckSection(report);
  // The buttons act on every incident of the check run, so they are made from all of them.
  const siblings = await Promise.all(
    (await deps.reports.incidentsForCheckRun(ref.repo, ref.checkRunId)).map((other) =>
      other === id ? report : loadIncidentReport(deps, other),
    ),
  );
  const actions = incidentCheckActions(siblings.filter((r): r is IncidentReport => r !== undefined));
  const hash = bodyHash({ section, actions });
  if ((await deps.reports.lastSent(id, target)) === hash) return { outcome: 'unchanged' };
  const client = await deps.reportClient(ref.repo);
  const { data: current } = await client.rest.checks.get({
    ...repoRef(ref.repo),
    check_run_id: ref.checkRunId,
  });
  if (current.status !== 'completed')
    return { outcome: 'nothing', detail: 'the scan has not completed it yet' };
  await client.rest.checks.update({
    ...repoRef(ref.repo),
    check_run_id: ref.checkRunId,
    output: {
      title: current.output.title ?? 'rootguard',
      summary: mergeCheckSummary(current.output.summary ?? '', id, section),
      ...(current.output.text ? { text: current.output.text } : {}),
    },
    actions: actions.map((action) => ({ ...action })),
  });
  await deps.reports.setLastSent(id, target, hash);
  return { outcome: 'sent' };
}
