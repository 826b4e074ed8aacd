import { slackMessageFor } from '../../notify/enqueue-notify.js';
import { currentStep } from '../incident-facts.js';
import type { IncidentReport } from '../incident-report.js';
import { ReportRefused } from '../../notify/notify-wait.js';
import { renderSlackMessage } from './render-slack-message.js';
import { sendSlackMessage } from './send-slack-message.js';
import { slackRouteFor } from './slack-route-for.js';
import type { Reporter } from '../reporter.js';

/**
 * Slack messages to the webhook of the route that matches the repository: when a run opens, when
 * it first needs a human (an approval, a rotation by hand), and when it ends (contained, needs a
 * human, dry run, false positive; again if a human changes that end, e.g. by a delivery). Each is
 * recorded once sent, so a retried job never posts it twice.
 */
export const slackReporter: Reporter = {
  name: 'slack',
  async deliver({ deps, report, job }) {
    const which = slackMessageFor(job.trigger);
    if (!which) return { outcome: 'nothing', detail: `no Slack message for "${job.trigger}"` };
    // A wait that is over by the time this job runs is no news: the run's end is told next.
    if (which.message === 'waiting' && !isWaitingForHuman(report))
      return { outcome: 'nothing', detail: 'the run no longer waits' };
    const repo = report.occurrences[0]?.location.repo ?? '';
    const match = slackRouteFor(deps.config.notify.slack, repo);
    if (!match) return { outcome: 'nothing', detail: `no notify.slack route matches ${repo}` };
    // A run's end is told once per status: a needs-human end that a delivery turns into
    // contained is news; the same end reported twice is not.
    const message =
      which.message === 'closed'
        ? `slack:closed:${report.incident.status}:r${job.run}`
        : `slack:${which.message}:r${job.run}`;
    if (await deps.reports.wasSent(report.incident.id, message)) return { outcome: 'unchanged' };
    const url = deps.slackWebhookUrl(match.route.webhookUrlEnv);
    if (!url)
      throw new ReportRefused(
        `notify.slack[${match.index}] names the environment variable ${match.route.webhookUrlEnv}, which is not set`,
      );
    await sendSlackMessage(url, renderSlackMessage(report, which.kind), deps.fetch);
    await deps.reports.markSent(report.incident.id, message, deps.now().toISOString());
    return { outcome: 'sent', detail: `${which.message} message` };
  },
};

function isWaitingForHuman(report: IncidentReport): boolean {
  return report.incident.status === 'awaiting-approval' || currentStep(report)?.waitingFor !== undefined;
}
