import { describe, expect, it } from 'vitest';
import { playbookBackoff } from '../../src/playbook/start-playbook-worker.js';
import { PLAYBOOK_BACKOFF } from '../../src/queue/playbook-job.js';

describe('playbookBackoff', () => {
  it("waits as long as Unkey's Retry-After asks", () => {
    expect(
      playbookBackoff(1, PLAYBOOK_BACKOFF, Object.assign(new Error('429'), { retryAfterMs: 7_000 })),
    ).toBe(7_000);
  });

  it('doubles from 1 s up to a minute otherwise', () => {
    const delays = [1, 2, 3, 7, 8, 12].map((n) => playbookBackoff(n, PLAYBOOK_BACKOFF, new Error('502')));
    expect(delays).toEqual([1_000, 2_000, 4_000, 60_000, 60_000, 60_000]);
  });
});
