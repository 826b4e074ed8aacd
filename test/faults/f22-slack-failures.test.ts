import { createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { NOTIFY_QUEUE } from '../../src/queue/queues.js';
import { SLACK_TIMEOUT_MS } from '../../src/report/incident/slack/send-slack-message.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { AUTOMATIC_RUN, outcomesOf } from '../integration/playbook-support.js';

const PERMISSIONS = ['api.*.read_key'];

/** A TCP server that accepts connections and never answers: a Slack that times out. */
const blackHole: { sockets: Set<Socket>; connections: number } = {
  sockets: new Set(),
  connections: 0,
};
const hole = createServer((socket) => {
  blackHole.connections++;
  blackHole.sockets.add(socket);
  socket.on('close', () => blackHole.sockets.delete(socket));
  socket.on('error', () => undefined);
});
hole.listen(0, '127.0.0.1');
await once(hole, 'listening');
const HANG_URL = `http://127.0.0.1:${(hole.address() as { port: number }).port}/services/T0/B0/hang`;

const CONFIG = `
notify:
  slack:
    - match: acme/f22-no-service
      webhookUrlEnv: SLACK_WEBHOOK_NOSERVICE
    - match: acme/f22-archived
      webhookUrlEnv: SLACK_WEBHOOK_ARCHIVED
    - match: acme/f22-timeout
      webhookUrlEnv: SLACK_WEBHOOK_HANG
`;

// F22 (issue 12): Slack answers 404 `no_service`, 410 `channel_is_archived`, or never answers.
// Containment is done regardless; a 4xx is not retried (the request count says so) and the
// incident issue names the failed Slack report; a timeout is retried, as Slack may come back.
describe('F22: Slack failures', () => {
  const h = useHarness(4922, {
    operatorConfig: CONFIG,
    slackChannels: ['noservice', 'archived'],
    env: { SLACK_WEBHOOK_HANG: HANG_URL },
  });
  afterAll(async () => {
    for (const socket of blackHole.sockets) socket.destroy();
    await new Promise((resolve) => hole.close(resolve));
  });

  /** Slack posts (answered or not) to one channel's webhook. */
  const postsTo = (channel: string) => {
    const path = new URL(h.env[`SLACK_WEBHOOK_${channel.toUpperCase()}`]!).pathname;
    return h.slack.requests.filter((r) => r.path === path);
  };

  async function leak(name: string) {
    const repo = await h.createRepo(name, { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name, permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    // Containment does not wait for Slack.
    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'contained' });
    return { repo, leaked, incidentId };
  }

  it.each([
    ['404 no_service', 'f22-no-service', 'noservice', 'not-found', /404 \(no\\?_service\)/],
    ['410 channel_is_archived', 'f22-archived', 'archived', 'gone', /410 \(channel\\?_is\\?_archived\)/],
  ] as const)(
    'Slack %s: contained, not retried, and the issue names the failed Slack report',
    async (_, name, channel, kind, answer) => {
      h.slack.fault({ channel, kind, times: 100 });
      const { repo, leaked, incidentId } = await leak(name);
      await h.waitForReports();
      // One request per message (the opening one and the closing one), none retried.
      const posts = postsTo(channel);
      expect(posts.map((p) => p.status)).toEqual(posts.map(() => (kind === 'not-found' ? 404 : 410)));
      expect(posts.length).toBeGreaterThanOrEqual(1);
      expect(posts.length).toBeLessThanOrEqual(2);
      expect(h.slack.messages(channel)).toEqual([]);
      const slack = (await h.reports.deliveries(incidentId)).find((d) => d.reporter === 'slack');
      expect(slack).toMatchObject({ status: 'failed' });
      expect(slack!.error).toMatch(answer);
      // The incident issue says the Slack report failed, and why.
      const [issue] = h.emulator.issues(repo);
      expect(issue!.body).toMatch(/slack/i);
      expect(issue!.body).toMatch(answer);
      expect(issue!.body).toContain(maskKey(leaked.key));
    },
  );

  it(`Slack never answers: contained, the post times out after ${SLACK_TIMEOUT_MS} ms and is retried`, async () => {
    const { incidentId } = await leak('f22-timeout');
    // A post hangs until its timeout; then that job is retried later, not given up on.
    const notify = new Queue(NOTIFY_QUEUE, { connection: h.redis, prefix: h.prefix });
    try {
      const timedOut = async () => {
        const jobs = await notify.getJobs(['delayed', 'waiting', 'active', 'failed', 'completed']);
        return jobs.filter(
          (j) =>
            j?.data?.reporter === 'slack' &&
            j.data.incidentId === incidentId &&
            j.attemptsMade >= 1 &&
            /could not be reached \(network error or timeout\)/.test(j.failedReason ?? ''),
        );
      };
      await expect
        .poll(async () => (await timedOut()).length, { timeout: SLACK_TIMEOUT_MS + 20_000, interval: 200 })
        .toBeGreaterThanOrEqual(1);
      const [job] = await timedOut();
      expect(await job!.getState()).not.toBe('failed');
    } finally {
      await notify.close();
    }
    const slack = (await h.reports.deliveries(incidentId)).find((d) => d.reporter === 'slack');
    // Not given up on: a timeout is not a refusal.
    expect(slack?.status).not.toBe('failed');
    expect(blackHole.connections).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
