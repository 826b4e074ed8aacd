import { describe, expect, it } from 'vitest';
import { failureLabels } from '../../src/observe/failure-labels.js';
import { GitHubError, LaneWaitError } from '../../src/github/errors.js';
import { UnkeyRetryableError } from '../../src/unkey/errors.js';
import { cleanError } from '../../src/queue/clean-error.js';

const named = (name: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error('message never read'), { name, ...fields });

describe('failureLabels', () => {
  it('names the upstream from the error class and the reason from its stable code or status', () => {
    expect(failureLabels(new UnkeyRetryableError('rate-limited', 'keys.getKey', 'slow down'))).toEqual({
      upstream: 'unkey',
      reason: 'rate-limited',
    });
    expect(failureLabels(new GitHubError('log-download-failed', 'no'))).toEqual({
      upstream: 'github',
      reason: 'log-download-failed',
    });
    expect(failureLabels(new LaneWaitError(Date.now() + 1000, 'rate-limit'))).toMatchObject({
      upstream: 'github',
    });
    expect(failureLabels(named('HttpError', { status: 502 }))).toEqual({
      upstream: 'github',
      reason: 'http-502',
    });
    expect(failureLabels(named('SlackDeliveryError', { status: 429 }))).toEqual({
      upstream: 'slack',
      reason: 'http-429',
    });
    expect(failureLabels(named('TypeError'))).toEqual({ upstream: 'internal', reason: 'other' });
  });

  it('reads what cleanError keeps (name, code, status), as BullMQ hands it to the failed event', () => {
    const cleaned = cleanError(new UnkeyRetryableError('timeout', 'keys.getKey', 'no answer'));
    expect(failureLabels(cleaned)).toEqual({ upstream: 'unkey', reason: 'timeout' });
  });

  it("names a reporter's refusal `refused`, from the upstream the reporter talks to", () => {
    const refused = named('ReportRefused');
    expect(failureLabels(refused, 'slack')).toEqual({ upstream: 'slack', reason: 'refused' });
    expect(failureLabels(refused)).toEqual({ upstream: 'internal', reason: 'other' });
  });

  it('never takes a code outside its closed set, nor a status outside 100..599', () => {
    const sneaky = named('GitHubError', { code: 'acme/private-repo', status: 'acme' });
    expect(failureLabels(sneaky)).toEqual({ upstream: 'github', reason: 'other' });
    expect(failureLabels(named('HttpError', { status: 1234 }))).toEqual({
      upstream: 'github',
      reason: 'http-other',
    });
    expect(failureLabels('a thrown string')).toEqual({ upstream: 'internal', reason: 'other' });
  });
});
