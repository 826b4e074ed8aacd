import type { OperatorConfig } from '../../config/operator-config.js';
import { isLoopbackHost } from '../../config/env-config.js';
import { fail, pass, warn, type DoctorCheck } from './doctor-check.js';

/** Slack's incoming webhook hosts (commercial and GovSlack). */
const SLACK_HOSTS = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);
/** `/services/T…/B…/secret`: the path of an incoming webhook URL. */
const SERVICES_PATH = /^\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/?$/;

/**
 * Each Slack route of the operator config: its environment variable is set and holds something
 * shaped as a Slack incoming webhook URL. The URL is a secret: only the variable's name and the
 * host are ever printed.
 */
export function checkSlackRoutes(operatorConfig: OperatorConfig, env: NodeJS.ProcessEnv): DoctorCheck[] {
  const names = [...new Set((operatorConfig.notify.slack ?? []).map((route) => route.webhookUrlEnv))];
  return names.map((variable) => {
    const name = `slack: ${variable}`;
    const value = env[variable]?.trim();
    const fix = `set ${variable} to the channel's incoming webhook URL (https://hooks.slack.com/services/…, from the Slack app's "Incoming Webhooks" page).`;
    if (!value) return fail(name, `${variable} is not set: reports for this route are not sent.`, fix);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fail(name, `${variable} does not hold a URL.`, fix);
    }
    if (url.protocol === 'https:' && SLACK_HOSTS.has(url.hostname) && SERVICES_PATH.test(url.pathname))
      return pass(name, `${variable} holds a Slack incoming webhook URL (${url.hostname}).`);
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname))
      return warn(
        name,
        `${variable} points at a loopback address (an emulator or a local relay), not at Slack.`,
        fix,
      );
    return fail(name, `${variable} does not hold a Slack incoming webhook URL (host ${url.hostname}).`, fix);
  });
}
