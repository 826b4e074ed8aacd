import type { GitHubEmulator } from '../../../emulators/github/github-emulator.js';
import { maskReportText } from '../../report/markdown/mask-report-text.js';
import type { DemoReports } from './demo-result.js';
import type { DemoSlack } from './demo-slack.js';
import { renderSlackBlocks } from './render-slack-blocks.js';

/** Where the reports of the demo's leak went. */
export interface ReportPlaces {
  readonly repo: string;
  readonly pullRequest: number;
  readonly commit: string;
  readonly slack: DemoSlack;
}

/**
 * Reads what the reporters sent from the emulators: the incident issue, the pull request's
 * comments, the final state of the commit's check run, and the Slack messages. Every text is
 * masked again on its way out.
 */
export function collectReports(github: GitHubEmulator, places: ReportPlaces): DemoReports {
  const issue = github.issues(places.repo)[0];
  const checkRun = github
    .checkRuns(places.repo)
    .filter((run) => run.headSha === places.commit)
    .at(-1);
  const mask = (text: string | null) => (text === null ? null : maskReportText(text));
  return {
    issue: issue
      ? {
          number: issue.number,
          title: maskReportText(issue.title),
          body: maskReportText(issue.body ?? ''),
          labels: issue.labels,
        }
      : null,
    pullRequestComments: github
      .issueComments(places.repo, places.pullRequest)
      .map((comment) => maskReportText(comment.body)),
    checkRun: checkRun
      ? {
          conclusion: checkRun.conclusion,
          title: mask(checkRun.output.title),
          summary: mask(checkRun.output.summary),
        }
      : null,
    slack: places.slack.messages().map((m) => ({
      text: maskReportText(m.text),
      blocks: maskReportText(renderSlackBlocks(m.payload)),
    })),
  };
}
