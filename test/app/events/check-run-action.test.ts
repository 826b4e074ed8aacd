import { describe, expect, it } from 'vitest';
import { WebhookInputError } from '../../../src/app/errors.js';
import { checkRunActionToCommandJob } from '../../../src/app/events/check-run-action.js';
import { parseCheckActionIdentifier } from '../../../src/report/incident/check/render-incident-check.js';
import { webhookExample } from '../../support/webhook-examples.js';

const example = webhookExample('check_run', 'requested_action');
const identity = { appId: example.check_run.app.id as number };

/** GitHub's example button press, on our check run, with `identifier`. */
function press(identifier: string) {
  return { ...example, requested_action: { identifier } };
}

describe('checkRunActionToCommandJob', () => {
  it('approves one incident by its id prefix, or every one awaiting approval', () => {
    expect(checkRunActionToCommandJob('d-1', press('approve:AbC-_123456x'), identity)).toEqual({
      deliveryId: 'd-1',
      installationId: example.installation.id,
      repo: example.repository.full_name,
      actor: example.sender.login,
      command: 'approve',
      source: { kind: 'check-run', checkRunId: example.check_run.id, incidentPrefix: 'AbC-_123456x' },
    });
    expect(checkRunActionToCommandJob('d', press('approve:all'), identity)).toMatchObject({
      command: 'approve',
      source: { incidentPrefix: 'all' },
    });
  });

  it('marks an incident a false positive', () => {
    expect(checkRunActionToCommandJob('d', press('fp:0123456789ab'), identity)).toMatchObject({
      command: 'false-positive',
      source: { kind: 'check-run', incidentPrefix: '0123456789ab' },
    });
  });

  it("skips other apps' check runs and identifiers rootguard never writes", () => {
    expect(checkRunActionToCommandJob('d', press('approve:all'), { appId: identity.appId + 1 })).toEqual({
      skip: "another app's check run",
    });
    for (const identifier of ['lgtm|26764', 'fp:all', 'approve:short', 'approve:0123456789abc', 'revoke:all'])
      expect(checkRunActionToCommandJob('d', press(identifier), identity)).toHaveProperty('skip');
  });

  it('reads every identifier as the check run renderer that writes the buttons does', () => {
    const identifiers = [
      'approve:all',
      'fp:all',
      'approve:AbC-_123456x',
      'fp:AbC-_123456x',
      'approve:short',
      'x|1',
    ];
    for (const identifier of identifiers) {
      const job = checkRunActionToCommandJob('d', press(identifier), identity);
      const read =
        'skip' in job || job.source.kind !== 'check-run'
          ? undefined
          : { command: job.command, incidentPrefix: job.source.incidentPrefix };
      expect(read).toEqual(parseCheckActionIdentifier(identifier));
    }
  });

  it('refuses a payload without an installation', () => {
    const payload = press('approve:all');
    delete (payload as { installation?: unknown }).installation;
    expect(() => checkRunActionToCommandJob('d', payload, identity)).toThrow(WebhookInputError);
  });
});
