import { describe, expect, it } from 'vitest';
import { pullRequestToScanJob } from '../../../src/app/events/pull-request.js';
import { webhookExample } from '../../support/webhook-examples.js';

const identity = { appId: 1, botLogin: 'rootguard[bot]' };

describe('pullRequestToScanJob', () => {
  it('scans every commit of an opened pull request', () => {
    const payload = { ...webhookExample('pull_request', 'opened'), installation: { id: 7 } };
    expect(pullRequestToScanJob('d1', payload, identity)).toMatchObject({
      kind: 'pull_request',
      installationId: 7,
      pullNumber: payload.pull_request.number,
      baseSha: payload.pull_request.base.sha,
      headSha: payload.pull_request.head.sha,
    });
    expect(pullRequestToScanJob('d1', payload, identity)).not.toHaveProperty('before');
  });

  it('scans only the commits after `before` on synchronize', () => {
    const payload = { ...webhookExample('pull_request', 'synchronize'), installation: { id: 7 } };
    expect(pullRequestToScanJob('d2', payload, identity)).toMatchObject({
      before: payload.before,
      headSha: payload.pull_request.head.sha,
    });
  });
});
