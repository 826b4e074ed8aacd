import { describe, expect, it } from 'vitest';
import { verifyStep } from '../../src/playbook/steps/verify.js';
import type { Liveness } from '../../src/unkey/probe-liveness.js';
import { KeyGenerator } from '../support/keygen.js';
import { stepContext } from './step-fixture.js';

const gen = new KeyGenerator(623);
const NOW = Date.parse('2026-11-27T12:00:02Z');
const FORBIDDEN = 'https://unkey.com/docs/errors/unkey/authorization/forbidden';

function verifying(answer: Liveness) {
  const ctx = stepContext({ key: gen.rootKey(), unkey: { probeLiveness: async () => answer }, now: NOW });
  Object.assign(ctx.incident, { firstReceivedAt: '2026-11-27T12:00:00.000Z' });
  return ctx;
}

describe('verify', () => {
  it('a key already expired: revoked by someone else, recorded at the time first seen', async () => {
    const ctx = verifying({
      state: 'dead',
      status: 403,
      type: FORBIDDEN,
      expiredAt: '2026-11-26T09:00:00.000Z',
    });
    const result = await verifyStep.run(ctx);
    expect(result.detail).toMatchObject({
      liveness: 'dead',
      expiredAt: '2026-11-26T09:00:00.000Z',
      seenDeadAt: new Date(NOW).toISOString(),
    });
    expect(result.summary).toMatch(
      /already revoked by someone else: Unkey says it expired on 2026-11-26T09:00:00.000Z/,
    );
    expect(ctx.incidentUpdates).toEqual([{ revokedAt: new Date(NOW).toISOString(), timeToRevokeMs: 2_000 }]);
  });

  it.each<[string, Liveness]>([
    [
      'rate limited',
      { state: 'unknown', status: 403, type: FORBIDDEN, detail: 'Rate limit exceeded', requestId: 'req_1' },
    ],
    [
      'workspace disabled',
      { state: 'workspace-disabled', status: 403, detail: 'The workspace is disabled.' },
    ],
  ])('%s: not dead, contained like a live key, the answer recorded', async (_, answer) => {
    const ctx = verifying(answer);
    const result = await verifyStep.run(ctx);
    expect(result.detail).toMatchObject({ liveness: answer.state, answer: expect.stringContaining('403') });
    expect(result.summary).toMatch(/contained like a live key/);
    expect(ctx.incidentUpdates).toEqual([]);
  });
});
