import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { fingerprintKey } from '../../detect/fingerprint.js';
import { incidentIdFor } from '../../incidents/incident-id.js';
import { IncidentStore } from '../../incidents/incident-store.js';
import { RunStore } from '../../incidents/run-store.js';
import { STEP_NAMES } from '../../playbook/step-names.js';
import { COMMAND_QUEUE, NOTIFY_QUEUE, PLAYBOOK_QUEUE, SCAN_QUEUE } from '../../queue/queues.js';
import { CliError } from '../errors.js';
import { startRuntime } from '../runtime/start-runtime.js';
import type { CleanupStack } from './cleanup-stack.js';
import { collectReports } from './collect-reports.js';
import { renderDemoOperatorConfig } from './demo-operator-config.js';
import type { DemoResult } from './demo-result.js';
import { DEMO, startDemoWorld } from './demo-world.js';
import { loadEmulators } from './load-emulators.js';
import { playHuman } from './play-human.js';
import { stageLeak } from './stage-leak.js';
import { useLeakedKey } from './use-leaked-key.js';
import { waitForReports, waitForRunEnd } from './wait-for-playbook.js';

/** Least time between two report requests to the GitHub emulator (GitHub itself: 1 s). */
export const DEMO_REPORT_INTERVAL_MS = 100;

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** A Redis that answers (see `resolveDemoRedis`). */
  readonly redisUrl: string;
  /**
   * It keeps no append-only file: run anyway (`ROOTGUARD_ALLOW_VOLATILE_REDIS=1`); the caller has
   * warned. @defaultValue false
   */
  readonly volatileRedis?: boolean;
  /** Today's published Unkey (no root key API): a human rotates, `deliver` hands the key over. */
  readonly assisted: boolean;
  /** rootguard's own log (warnings and errors; every line is masked). */
  readonly log: Logger;
  /** Everything the demo opens is pushed here; the caller runs it (also on Ctrl-C). */
  readonly cleanup: CleanupStack;
}

/**
 * Runs one leak through rootguard end to end: the emulated world, rootguard's runtime in this
 * process (its own Redis prefix), the leak (push, pull request, CI log), someone using the key,
 * the playbook, and (assisted) the human's part; returns the incident record and the reports.
 *
 * The playbook worker starts once the three webhooks are scanned (a second runtime in this
 * process, role `worker`), so one run handles all three places; in production a place found
 * during a run is merged into the incident and handled by a follow-up run. (Pausing the queue
 * instead left the worker asleep for seconds after the resume.)
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { cleanup, log } = options;
  const modules = await loadEmulators();
  const world = await startDemoWorld(modules, { assisted: options.assisted });
  cleanup.push(() => world.close());

  const prefix = `rg-demo-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  cleanup.push(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  const queues = [SCAN_QUEUE, PLAYBOOK_QUEUE, NOTIFY_QUEUE, COMMAND_QUEUE].map(
    (name) => new Queue(name, { connection: redis, prefix }),
  );
  const [scanQueue, playbookQueue, notifyQueue] = queues as [Queue, Queue, Queue];
  cleanup.push(async () => {
    for (const queue of queues) {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });

  const configDir = mkdtempSync(join(tmpdir(), 'rootguard-demo-'));
  cleanup.push(async () => rmSync(configDir, { recursive: true, force: true }));
  const configPath = join(configDir, 'rootguard.yml');
  writeFileSync(
    configPath,
    renderDemoOperatorConfig({
      leakedKeyId: world.leaked.keyId,
      leakedFingerprint: fingerprintKey(world.leaked.key),
      repo: DEMO.repo,
      environment: DEMO.environment,
      secretName: DEMO.secretName,
      apiId: world.apiId,
      slackWebhookUrlEnv: world.slack.webhookUrlEnv,
    }),
  );
  const env: NodeJS.ProcessEnv = {
    APP_ID: String(world.github.appId),
    PRIVATE_KEY: world.github.privateKeyPem,
    WEBHOOK_SECRET: world.webhookSecret,
    GITHUB_API_URL: world.github.url,
    HOST: '127.0.0.1',
    ROOTGUARD_REDIS_URL: options.redisUrl,
    ...(options.volatileRedis === true ? { ROOTGUARD_ALLOW_VOLATILE_REDIS: '1' } : {}),
    ROOTGUARD_APP_SLUG: 'rootguard',
    ROOTGUARD_PREFIX: prefix,
    ROOTGUARD_CONFIG: configPath,
    UNKEY_API_URL: world.unkey.url,
    UNKEY_ROOT_KEY: world.responder.key,
    [world.slack.webhookUrlEnv]: world.slack.webhookUrl,
    LOG_LEVEL: 'warn',
  };

  const runtime = await startRuntime({
    role: 'serve',
    env,
    port: 0,
    prefix,
    log,
    cloneUrl: (owner, repo) => world.github.bareRepoPath(`${owner}/${repo}`),
    workers: { playbook: false },
    // GitHub asks for a second between writes of one installation; the emulator does not, and
    // a dozen report requests would otherwise hold the demo up for as many seconds.
    reportIntervalMs: DEMO_REPORT_INTERVAL_MS,
  });
  cleanup.push(() => runtime.close());
  if (runtime.url === undefined) throw new CliError('cannot-start', 'the demo runtime has no receiver.');

  const leak = await stageLeak(modules, world, runtime.url, scanQueue);
  await useLeakedKey(world);
  const incidentId = incidentIdFor(fingerprintKey(world.leaked.key));
  const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
  const playbookWorker = await startRuntime({
    role: 'worker',
    env,
    prefix,
    log,
    // In the demo's process: its probes on any free port, never one a real worker may hold.
    healthPort: 0,
    workers: { scan: false, notify: false, command: false },
  });
  cleanup.push(() => playbookWorker.close());

  const human = options.assisted
    ? await playHuman(world, runs, playbookQueue, incidentId, { env, prefix, log }, () =>
        waitForRunEnd(runs, playbookQueue, incidentId),
      )
    : undefined;
  const state = await waitForRunEnd(runs, playbookQueue, incidentId);
  await waitForReports(notifyQueue);

  const incidents = new IncidentStore(redis, { prefix });
  const incident = await incidents.get(incidentId);
  if (!incident) throw new CliError('cannot-start', 'the demo found no incident for the leaked key.');
  const latest = (await runs.currentRun(incidentId)) ?? state;
  return {
    mode: options.assisted ? 'assisted' : 'automatic',
    repo: DEMO.repo,
    pullRequest: leak.pullRequest,
    commit: leak.commit,
    slackChannel: world.slack.channel,
    incident,
    occurrences: await incidents.occurrences(incidentId),
    run: { run: latest.run, steps: [...latest.steps.values()] },
    timeline: await runs.timeline(incidentId),
    reports: collectReports(world.github, {
      repo: DEMO.repo,
      pullRequest: leak.pullRequest,
      commit: leak.commit,
      slack: world.slack,
    }),
    ...(human ? { human } : {}),
  };
}
