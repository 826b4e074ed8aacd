// F7: Unkey answers 429 with `Retry-After: 7`. Must show: the next attempt at least 7 s later
// (the emulator's request times, not a sleep), attempts bounded, the attempt count asserted.
import { describe, expect, it } from 'vitest';
import { PLAYBOOK_ATTEMPTS } from '../../src/queue/playbook-job.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { outcomesOf } from '../integration/playbook-support.js';
import { liveRootKeys, unkeyCalls } from './fault-support.js';

describe('F7: Unkey 429 with Retry-After: 7', () => {
  const h = useHarness(6207);

  it('tries the reroll again no sooner than Retry-After, within the bounded attempts', async () => {
    const repo = await h.createRepo('f07');
    const leaked = h.unkey.addRootKey({ name: 'f07', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    h.unkey.fault('rootKeys.rerollKey', { kind: 'rate-limit', retryAfterSeconds: 7, times: 1 });
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    // After the 429 the job waits, delayed by Retry-After: one attempt spent of a bounded number.
    await expect
      .poll(
        async () => {
          const job = await h.playbookQueue.getJob(incidentId);
          return job && (await job.isDelayed()) ? job.attemptsMade : undefined;
        },
        { interval: 20, timeout: 20_000 },
      )
      .toBe(1);
    expect((await h.playbookQueue.getJob(incidentId))!.opts.attempts).toBe(PLAYBOOK_ATTEMPTS);
    const state = await h.waitForPlaybook(incidentId);

    expect(outcomesOf(state)).toMatchObject({ contain: 'done', confirm: 'done' });
    // Two attempts in all: the 429, then the reroll, at least Retry-After later by Unkey's clock.
    const rerolls = unkeyCalls(h, 'rootKeys.rerollKey');
    expect(rerolls.map((r) => r.status)).toEqual([429, 200]);
    expect(rerolls[1]!.at - rerolls[0]!.at).toBeGreaterThanOrEqual(7_000);
    expect(liveRootKeys(h, 'f07')).toHaveLength(1);
  }, 60_000);
});
