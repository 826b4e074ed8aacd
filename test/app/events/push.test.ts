import { describe, expect, it } from 'vitest';
import { pushToScanJob } from '../../../src/app/events/push.js';
import { WebhookInputError } from '../../../src/app/errors.js';
import { webhookExample } from '../../support/webhook-examples.js';
import { sha } from '../../support/scan-jobs.js';

const identity = { appId: 1, botLogin: 'rootguard[bot]' };

function push(overrides: Record<string, unknown> = {}) {
  const payload = webhookExample('push');
  return {
    ...payload,
    installation: { id: 42, node_id: 'x' },
    deleted: false,
    created: false,
    forced: false,
    ref: 'refs/heads/feature',
    before: sha('a'),
    after: sha('b'),
    ...overrides,
  };
}

describe('pushToScanJob', () => {
  it('scans the commits between before and after, with ids only', () => {
    const payload = push();
    const job = pushToScanJob('delivery-1', payload, identity);
    expect(job).toEqual({
      kind: 'push',
      deliveryId: 'delivery-1',
      installationId: 42,
      owner: payload.repository.owner.login,
      repo: payload.repository.name,
      repoPublic: !payload.repository.private,
      ref: 'refs/heads/feature',
      before: sha('a'),
      after: sha('b'),
      forced: false,
    });
  });

  it('compares a new branch against the default branch', () => {
    const payload = push({ created: true, before: sha('0') });
    expect(pushToScanJob('d', payload, identity)).toMatchObject({
      baseBranch: payload.repository.default_branch,
      before: sha('0'),
    });
  });

  it('scans the new commits of a force push against the old head', () => {
    expect(pushToScanJob('d', push({ forced: true }), identity)).toMatchObject({
      forced: true,
      before: sha('a'),
      after: sha('b'),
    });
  });

  it('skips a deleted branch, a tag and its own pushes', () => {
    expect(pushToScanJob('d', push({ deleted: true, after: sha('0') }), identity)).toEqual({
      skip: 'branch or tag deleted',
    });
    expect(pushToScanJob('d', push({ ref: 'refs/tags/v1' }), identity)).toEqual({
      skip: 'not a branch (tag push)',
    });
    const own = push({ sender: { login: 'rootguard[bot]', type: 'Bot' } });
    expect(pushToScanJob('d', own, identity)).toEqual({ skip: "rootguard's own push" });
    const otherBot = push({ sender: { login: 'dependabot[bot]', type: 'Bot' } });
    expect(pushToScanJob('d', otherBot, identity)).toMatchObject({ kind: 'push' });
  });

  it('refuses an event without an installation', () => {
    expect(() => pushToScanJob('d', push({ installation: undefined }), identity)).toThrow(WebhookInputError);
  });
});

describe('pushToScanJob on a new repository', () => {
  it("scans the whole history of the default branch's first push (nothing to compare with)", () => {
    const payload = push({ created: true, before: sha('0') });
    const job = pushToScanJob(
      'd',
      { ...payload, ref: `refs/heads/${payload.repository.default_branch}` },
      identity,
    );
    expect(job).toMatchObject({ kind: 'push', before: sha('0') });
    expect(job).not.toHaveProperty('baseBranch');
  });
});
