import type { ReporterName } from './reporter-names.js';
import { checkRunReporter } from './check/check-run-reporter.js';
import { issueReporter } from './issue/issue-reporter.js';
import { pullRequestReporter } from './pull-request/pull-request-reporter.js';
import type { Reporter } from './reporter.js';
import { slackReporter } from './slack/slack-reporter.js';

/** Every reporter, by the name its notify jobs carry. */
export const REPORTERS: Readonly<Record<ReporterName, Reporter>> = {
  issue: issueReporter,
  'pull-request': pullRequestReporter,
  'check-run': checkRunReporter,
  slack: slackReporter,
};
