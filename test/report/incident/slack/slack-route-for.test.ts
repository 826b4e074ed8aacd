import { describe, expect, it } from 'vitest';
import { slackRouteFor } from '../../../../src/report/incident/slack/slack-route-for.js';

describe('slackRouteFor', () => {
  const routes = [
    { match: 'acme/payments-*', webhookUrlEnv: 'SLACK_PAYMENTS' },
    { match: 'acme', webhookUrlEnv: 'SLACK_ACME' },
  ];

  it('takes the first route that matches, by owner/repo glob or organisation', () => {
    expect(slackRouteFor(routes, 'acme/payments-api')).toEqual({ route: routes[0], index: 0 });
    expect(slackRouteFor(routes, 'ACME/web')).toEqual({ route: routes[1], index: 1 });
    expect(slackRouteFor(routes, 'other/web')).toBeUndefined();
    expect(slackRouteFor(undefined, 'acme/web')).toBeUndefined();
  });
});
