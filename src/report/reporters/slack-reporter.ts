import { slackMessageFor } from '../../queue/notify-job.js';
import { ReportRefused } from '../notify-wait.js';
import { renderSlackMessage } from '../render-slack-message.js';
import { sendSlackMessage } from '../send-slack-message.js';
import { slackRouteFor } from '../slack-route-for.js';
import type { Reporter } from './reporter.js';

/**
 * Slack messages to the webhook of the route that matches the repository, once per run each: when
 * the run opens, when it first needs a human (an approval, a rotation by hand), and when it ends
 * (contained, needs a human, dry run, false positive). Each is recorded once sent, so a retried
 * job never posts it twice.
 */
export const slackReporter: Reporter = {
  name: 'slack',
  async deliver({ deps, report, job }) {
    const which = slackMessageFor(job.trigger);
    if (!which) return { outcome: 'nothing', detail: `no Slack message for "${job.trigger}"` };
    const repo = report.occurrences[0]?.location.repo ?? '';
    const match = slackRouteFor(deps.config.notify.slack, repo);
    if (!match) return { outcome: 'nothing', detail: `no notify.slack route matches ${repo}` };
    const message = `slack:${which.message}:r${job.run}`;
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
