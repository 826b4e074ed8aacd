import { describe, expect, it } from 'vitest';
import {
  checkRunRerequestToScanJob,
  checkSuiteRerequestToScanJob,
} from '../../../src/app/events/rerequest.js';
import { externalIdFor } from '../../../src/queue/check-run-external-id.js';
import { webhookExample } from '../../support/webhook-examples.js';
import { sha } from '../../support/scan-jobs.js';

describe('re-run requests', () => {
  const runPayload = webhookExample('check_run', 'rerequested');
  const identity = { appId: runPayload.check_run.app.id as number };
  const base = { deliveryId: 'old', installationId: 1, owner: 'o', repo: 'r', repoPublic: false };

  it("scans again the range recorded in rootguard's check run", () => {
    const original = {
      kind: 'push' as const,
      ...base,
      ref: 'refs/heads/main',
      before: sha('a'),
      after: sha('b'),
      forced: false,
    };
    const payload = {
      ...runPayload,
      installation: { id: 5 },
      check_run: { ...runPayload.check_run, external_id: externalIdFor(original) },
    };
    expect(checkRunRerequestToScanJob('new', payload, identity)).toMatchObject({
      kind: 'push',
      deliveryId: 'new',
      installationId: 5,
      before: sha('a'),
      after: sha('b'),
      ref: 'refs/heads/main',
      rescan: true,
    });
  });

  it("ignores other apps' check runs and runs without a range", () => {
    const payload = { ...runPayload, installation: { id: 5 } };
    expect(checkRunRerequestToScanJob('new', payload, { appId: identity.appId + 1 })).toEqual({
      skip: "another app's check run",
    });
    expect(
      checkRunRerequestToScanJob(
        'new',
        { ...payload, check_run: { ...payload.check_run, external_id: 'x' } },
        identity,
      ),
    ).toHaveProperty('skip');
  });

  it('scans a suite again by its pull request or its push range', () => {
    const suitePayload = webhookExample('check_suite', 'rerequested');
    const suiteIdentity = { appId: suitePayload.check_suite.app.id as number };
    const payload = { ...suitePayload, installation: { id: 5 } };
    const job = checkSuiteRerequestToScanJob('d', payload, suiteIdentity);
    if (payload.check_suite.pull_requests.length > 0)
      expect(job).toMatchObject({ kind: 'pull_request', rescan: true });
    else expect(job).toMatchObject({ kind: 'push', after: payload.check_suite.head_sha, rescan: true });
    const noPr = {
      ...payload,
      check_suite: { ...payload.check_suite, pull_requests: [], head_branch: 'main', before: sha('c') },
    };
    expect(checkSuiteRerequestToScanJob('d', noPr, suiteIdentity)).toMatchObject({
      kind: 'push',
      ref: 'refs/heads/main',
      before: sha('c'),
    });
  });
});
