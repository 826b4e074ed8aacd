import type { ReporterName } from '../../incidents/report-store.js';
import { checkRunReporter } from './check-run-reporter.js';
import { issueReporter } from './issue-reporter.js';
import { pullRequestReporter } from './pull-request-reporter.js';
import type { Reporter } from './reporter.js';
import { slackReporter } from './slack-reporter.js';

/** Every reporter, by the name its notify jobs carry. */
export const REPORTERS: Readonly<Record<ReporterName, Reporter>> = {
  issue: issueReporter,
  'pull-request': pullRequestReporter,
  'check-run': checkRunReporter,
  slack: slackReporter,
};
