import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueNotify, reportersFor, slackMessageFor } from '../../../src/report/notify/enqueue-notify.js';
import { openTestQueues } from '../../queue/queue-fixture.js';

const incidentId = 'inc_AAAAAAAAAAAAAAAAAAAAAA';

describe('notify requests', () => {
  it('go to every reporter, Slack only for its two messages, a scan only to its check run', () => {
    expect(reportersFor({ incidentId, run: 1, revision: 1 })).toEqual([
      'issue',
      'pull-request',
      'check-run',
      'slack',
    ]);
    expect(reportersFor({ incidentId, run: 1, revision: 1, trigger: 'opened' })).toContain('slack');
    expect(reportersFor({ incidentId, run: 1, revision: 1, trigger: 'waiting' })).toContain('slack');
    expect(slackMessageFor('delivered')).toEqual({ message: 'closed', kind: 'closed' });
    expect(reportersFor({ incidentId, run: 1, revision: 1, trigger: 'approved' })).toEqual([
      'issue',
      'pull-request',
      'check-run',
    ]);
    expect(reportersFor({ incidentId, run: 1, revision: 1, trigger: 'scanned' })).toEqual(['check-run']);
    expect(reportersFor({ incidentId, run: 1, revision: 1, trigger: 'issue-opened' })).toEqual([
      'pull-request',
      'check-run',
    ]);
    expect(slackMessageFor('false-positive')).toEqual({ message: 'closed', kind: 'closed' });
    expect(slackMessageFor('waiting')).toEqual({ message: 'waiting', kind: 'closed' });
    expect(slackMessageFor('approved')).toBeUndefined();
  });

  describe('on the queue', () => {
    let fixture: Awaited<ReturnType<typeof openTestQueues>>;
    beforeAll(async () => {
      fixture = await openTestQueues();
    });
    afterAll(async () => {
      await fixture.dispose();
    });

    it('become one job per reporter; the same request handed over twice adds nothing', async () => {
      const request = { incidentId, run: 2, revision: 3, trigger: 'opened' as const };
      const ids = await enqueueNotify(fixture.queues.notify, request);
      expect(ids).toEqual([
        `${incidentId}-r2-v3-opened-issue`,
        `${incidentId}-r2-v3-opened-pull-request`,
        `${incidentId}-r2-v3-opened-check-run`,
        `${incidentId}-r2-v3-opened-slack`,
      ]);
      await enqueueNotify(fixture.queues.notify, request);
      expect(await fixture.queues.notify.getWaitingCount()).toBe(4);
      const job = await fixture.queues.notify.getJob(ids[0]!);
      expect(job!.data).toEqual({ ...request, reporter: 'issue' });
    });

    it('refuses a request without a proper incident id', async () => {
      await expect(
        enqueueNotify(fixture.queues.notify, { incidentId: 'nope', run: 1, revision: 1 }),
      ).rejects.toThrow(/incident id/);
    });
  });
});
