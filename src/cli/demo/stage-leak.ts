import { randomUUID } from 'node:crypto';
import { Job, type Queue } from 'bullmq';
import { CliError } from '../errors.js';
import { DEMO, type DemoWorld } from './demo-world.js';
import type { EmulatorModules } from './load-emulators.js';
import { waitUntil } from './wait-until.js';

/** The file of the feature branch that leaks the key, and the key's line in it. */
export const LEAKING_FILE = '.env.production';
const LEAKING_TEXT = (key: string) =>
  `# payments-api: production settings\nUNKEY_ROOT_KEY=${key}\nSTRIPE_MODE=live\n`;
/** Scans of emulated pushes take well under a second; this is for a loaded machine. */
const SCAN_TIMEOUT_MS = 30_000;

/** Where the key leaked, and the webhooks that told rootguard. */
export interface StagedLeak {
  readonly commit: string;
  readonly pullRequest: number;
  readonly runId: number;
  /** Event name and delivery id of each webhook, in delivery order. */
  readonly deliveries: readonly { readonly event: string; readonly deliveryId: string }[];
}

/**
 * Leaks the key the way it happens: a developer commits `.env.production` on a feature branch
 * and pushes it (`push`), opens a pull request (`pull_request`), and the preview deploy job
 * prints it in its log (`workflow_job`). Each signed webhook goes to rootguard's receiver;
 * resolves once every scan has finished.
 */
export async function stageLeak(
  modules: EmulatorModules,
  world: DemoWorld,
  receiverUrl: string,
  scanQueue: Queue,
): Promise<StagedLeak> {
  const { github } = world;
  const key = world.leaked.key;
  await github.createBranch(DEMO.repo, DEMO.branch, 'main');
  const commit = await github.commit(
    DEMO.repo,
    DEMO.branch,
    { [LEAKING_FILE]: LEAKING_TEXT(key) },
    { message: 'billing: production webhook settings' },
  );
  const pullRequest = await github.openPullRequest(DEMO.repo, {
    head: DEMO.branch,
    base: 'main',
    title: 'Billing webhooks',
    author: 'dev-dana',
  });
  const runId = 7001;
  github.addWorkflowRun(DEMO.repo, {
    runId,
    headSha: commit,
    headBranch: DEMO.branch,
    name: 'Preview deploy',
    event: 'pull_request',
    jobs: [
      {
        id: 8001,
        name: 'deploy-preview',
        log: [
          '2026-11-27T10:00:01.0000000Z ##[group]Run ./scripts/deploy-preview.sh',
          '2026-11-27T10:00:02.0000000Z loading .env.production',
          `2026-11-27T10:00:02.5000000Z UNKEY_ROOT_KEY=${key}`,
          '2026-11-27T10:00:04.0000000Z preview deployed',
          '',
        ].join('\n'),
        steps: [
          { name: 'Deploy preview', startedAt: '2026-11-27T10:00:00Z', completedAt: '2026-11-27T10:00:05Z' },
        ],
      },
    ],
  });
  const events: [string, unknown][] = [
    [
      'push',
      await modules.payloads.pushPayload(github, {
        repo: DEMO.repo,
        branch: DEMO.branch,
        before: modules.payloads.ZERO_SHA,
        after: commit,
      }),
    ],
    [
      'pull_request',
      await modules.payloads.pullRequestPayload(github, {
        repo: DEMO.repo,
        number: pullRequest,
        action: 'opened',
      }),
    ],
    ['workflow_job', modules.payloads.workflowJobCompletedPayload(github, { repo: DEMO.repo, jobId: 8001 })],
  ];
  const deliveries: { event: string; deliveryId: string }[] = [];
  for (const [event, payload] of events) {
    const deliveryId = randomUUID();
    const answer = await modules.webhooks.deliverWebhook({
      url: `${receiverUrl}/api/github/webhooks`,
      secret: world.webhookSecret,
      event,
      payload,
      deliveryId,
    });
    if (answer.status !== 200)
      throw new CliError(
        'cannot-start',
        `rootguard's receiver answered the ${event} webhook ${answer.status}.`,
      );
    deliveries.push({ event, deliveryId });
  }
  for (const { event, deliveryId } of deliveries)
    await waitUntil(`the scan of the ${event} webhook`, SCAN_TIMEOUT_MS, async () => {
      const job = await Job.fromId(scanQueue, deliveryId);
      const state = job ? await job.getState() : 'unknown';
      if (state === 'failed')
        throw new CliError(
          'cannot-start',
          `the scan of the ${event} webhook failed: ${job?.failedReason ?? ''}`,
        );
      return state === 'completed' ? true : undefined;
    });
  return { commit, pullRequest, runId, deliveries };
}
