import type { ReporterName } from './reporter-names.js';
import type { NotifyJob } from '../../queue/notify-job.js';
import type { IncidentReport } from './incident-report.js';
import type { NotifyDependencies } from '../notify/notify-dependencies.js';

/** What one reporter job works with. */
export interface ReporterContext {
  readonly deps: NotifyDependencies;
  readonly report: IncidentReport;
  readonly job: NotifyJob;
}

/**
 * How a delivery went. `sent`: something was created or edited. `unchanged`: what it would send
 * was sent already. `nothing`: there is nowhere to report (no pull request, no Slack route), with why.
 */
export interface ReporterResult {
  readonly outcome: 'sent' | 'unchanged' | 'nothing';
  readonly detail?: string;
}

/** One place reports go to. Delivering twice edits, never duplicates. */
export interface Reporter {
  readonly name: ReporterName;
  deliver(ctx: ReporterContext): Promise<ReporterResult>;
}
