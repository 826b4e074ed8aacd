import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import type { RedisClient } from '../../src/redis/redis-client.js';
import { afterAll, beforeAll, expect } from 'vitest';
import { deliverWebhook } from '../../emulators/github/deliver-webhook.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import {
  startUnkeyEmulator,
  type UnkeyEmulator,
  type UnkeyEmulatorOptions,
} from '../../emulators/unkey/unkey-emulator.js';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack/slack-emulator.js';
import type { BodyBudget } from '../../src/app/body-budget.js';
import { startRuntime, type Runtime } from '../../src/cli/runtime/start-runtime.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { ReportStore } from '../../src/incidents/report-store.js';
import { RunStore, type RunState } from '../../src/incidents/run-store.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import { createLogger } from '../../src/log/create-logger.js';
import { SCAN_QUEUE, PLAYBOOK_QUEUE, NOTIFY_QUEUE, COMMAND_QUEUE } from '../../src/queue/queues.js';
import type { ScanJobSummary } from '../../src/scan/start-scan-worker.js';
import { KeyGenerator } from '../support/keygen.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import { watchKeys, watchOutput } from '../support/suite-canary.js';
import { keysMatching, readRedisValues } from '../support/redis-values.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const INSTALLATION_ID = 4242;
export const OWNER = 'acme';
const WEBHOOK_SECRET = `whsec-${randomUUID()}`;

/** How a harness is started. */
export interface HarnessOptions {
  readonly redisUrl?: string;
  /**
   * Seed nodes of a Redis Cluster to run on instead (`ROOTGUARD_REDIS_CLUSTER=1`); the key prefix
   * is then a hash tag, as the runtime makes it.
   */
  readonly redisCluster?: readonly string[];
  /** The Unkey emulator's options. */
  readonly unkey?: UnkeyEmulatorOptions;
  /**
   * The permissions of rootguard's responder root key (`UNKEY_ROOT_KEY`), made in the Unkey
   * emulator; `false`: no responder key (the assisted path). @defaultValue `['*']`
   */
  readonly responder?: readonly string[] | false;
  /**
   * The operator config (`ROOTGUARD_CONFIG`), as YAML text, or made from the Unkey emulator
   * (to name the APIs it was seeded with). @defaultValue none
   */
  readonly operatorConfig?: string | ((unkey: UnkeyEmulator) => string);
  /**
   * Slack channels to make webhooks for in the Slack emulator; each webhook URL is put in the
   * runtime's environment as `SLACK_WEBHOOK_<CHANNEL>` (upper case) for `notify.slack` routes.
   */
  readonly slackChannels?: readonly string[];
  /** Least time between two report requests to one installation. @defaultValue 100 */
  readonly reportIntervalMs?: number;
  /** Extra environment of the runtime. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Whether the in-process runtime runs the playbook worker; `false`: playbooks wait for a
   * `rootguard worker` process the test starts (playbook-crash.test.ts). @defaultValue true
   */
  readonly playbookWorker?: boolean;
  /** The receiver's admission of bodies (to read its peaks). @defaultValue the runtime's own */
  readonly bodyBudget?: BodyBudget;
}

/** rootguard running in-process against the GitHub emulator and the real Redis, with its own prefix. */
export interface Harness {
  readonly emulator: GitHubEmulator;
  readonly unkey: UnkeyEmulator;
  readonly slack: SlackEmulator;
  readonly reports: ReportStore;
  /** The responder key's id in the Unkey emulator, when there is one. */
  readonly responderKeyId: string | undefined;
  /** The runtime's environment (to start `rootguard worker` processes against the same world). */
  readonly env: Readonly<Record<string, string>>;
  readonly runs: RunStore;
  readonly runtime: Runtime;
  readonly prefix: string;
  /** The secret deliveries are signed with. */
  readonly webhookSecret: string;
  readonly redis: RedisClient;
  readonly incidents: IncidentStore;
  readonly playbookQueue: Queue;
  /** Every log line rootguard wrote (JSON). */
  readonly logLines: string[];
  /** Delivers a signed webhook to the receiver. */
  deliver(
    event: string,
    payload: unknown,
    deliveryId?: string,
  ): Promise<{ status: number; deliveryId: string; body: string }>;
  /** Waits until the incident's playbook run (the current one, or `run`) has finished. */
  waitForPlaybook(incidentId: string, run?: number): Promise<RunState>;
  /**
   * Waits until no command runs, no playbook job runs or waits to run (a parked one, delayed for
   * an approval or a human, does not count), and the notify queue has nothing waiting, delayed or
   * running: every report is out. A playbook hands its reports over while its job is active (the
   * run opened, a wait began, the run finished), after it wrote the status a test may poll.
   */
  waitForReports(timeoutMs?: number): Promise<void>;
  /**
   * Waits until the incident's playbook job is parked (delayed: a step waits for an approval or a
   * human) and returns the run's state. The step's `waitingFor` is recorded before the job is
   * parked, so a test that wakes the job (`promote`, which only a delayed job allows) waits for this.
   */
  waitForParked(incidentId: string): Promise<RunState>;
  /** Waits for the scan job of a delivery to finish; returns its summary (throws if it failed). */
  waitForScan(deliveryId: string): Promise<ScanJobSummary>;
  /** Creates `acme/<name>` on the installation, with a first commit on `main`. */
  createRepo(name: string, options?: { private?: boolean }): Promise<string>;
  /**
   * Where key material of `keys` leaked: log lines, Redis values under the prefix and every
   * request body rootguard sent to GitHub, by label. Empty when nothing leaked.
   */
  leaks(keys: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}

/** Starts the emulator (one installation on `acme`) and `rootguard serve` on a free port. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const emulator = await startGitHubEmulator();
  emulator.addInstallation({ id: INSTALLATION_ID, account: { login: OWNER } });
  const unkey = await startUnkeyEmulator(options.unkey);
  const slack = await startSlackEmulator();
  const slackEnv = Object.fromEntries(
    (options.slackChannels ?? []).map((channel) => [
      `SLACK_WEBHOOK_${channel.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
      slack.webhookUrl(channel),
    ]),
  );
  const responder =
    options.responder === false
      ? undefined
      : unkey.addRootKey({ name: 'rootguard responder', permissions: [...(options.responder ?? ['*'])] });
  const configDir = mkdtempSync(join(tmpdir(), 'rootguard-it-'));
  const configuredPrefix = `rg-it-${randomUUID().slice(0, 8)}`;
  // The key prefix the runtime derives from ROOTGUARD_PREFIX (a hash tag in a cluster), for the
  // test's own stores and queues; the runtime is not told it, so a wrong derivation shows.
  const prefix = options.redisCluster ? `{${configuredPrefix}}` : configuredPrefix;
  /** A connection of the test's own, to the same Redis (`blocking`: for QueueEvents). */
  const connect = (blocking: boolean): RedisClient =>
    options.redisCluster
      ? new Cluster([...options.redisCluster], {
          redisOptions: blocking ? { maxRetriesPerRequest: null } : {},
        })
      : new Redis(redisUrl, blocking ? { maxRetriesPerRequest: null } : {});
  const logLines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => logLines.push(line) } });
  const env: Record<string, string> = {
    APP_ID: String(emulator.appId),
    PRIVATE_KEY: emulator.privateKeyPem,
    WEBHOOK_SECRET,
    GITHUB_API_URL: emulator.url,
    ROOTGUARD_REDIS_URL: options.redisCluster ? options.redisCluster.join(',') : redisUrl,
    ...(options.redisCluster ? { ROOTGUARD_REDIS_CLUSTER: '1' } : {}),
    ROOTGUARD_APP_SLUG: 'rootguard',
    ROOTGUARD_PREFIX: configuredPrefix,
    // The shared test Redis (and CI's) keeps no append-only file; tests of that set it to 0.
    ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
    UNKEY_API_URL: unkey.url,
    ...(responder ? { UNKEY_ROOT_KEY: responder.key } : {}),
    ...slackEnv,
    ...options.env,
  };
  if (options.operatorConfig !== undefined) {
    env['ROOTGUARD_CONFIG'] = join(configDir, 'rootguard.yml');
    const text =
      typeof options.operatorConfig === 'string' ? options.operatorConfig : options.operatorConfig(unkey);
    writeFileSync(env['ROOTGUARD_CONFIG'], text);
  }
  const runtime = await startRuntime({
    role: 'serve',
    env,
    port: 0,
    log,
    cloneUrl: (owner, repo) => emulator.bareRepoPath(`${owner}/${repo}`),
    workers: { playbook: options.playbookWorker ?? true },
    reportIntervalMs: options.reportIntervalMs ?? 100,
    ...(options.bodyBudget ? { bodyBudget: options.bodyBudget } : {}),
  });
  if (responder) watchKeys(responder.key);
  // The suite canary reads everything rootguard put out when the file ends.
  watchOutput(`harness ${prefix}`, () => [
    ...logLines.map((line, i): [string, string] => [`log line ${i}`, line]),
    ...emulator.requestBodies.map((body, i): [string, string] => [`GitHub request body ${i}`, body]),
    ...unkey.requests.map((r, i): [string, string] => [`Unkey request body ${i}`, r.body]),
    ...slack.requests.map((r, i): [string, string] => [`Slack request body ${i}`, r.body]),
  ]);
  const redis = connect(false);
  // The test's own connections may see Redis go away (redis-down.test.ts): expected, not noise.
  redis.on('error', () => undefined);
  const scanQueue = new Queue(SCAN_QUEUE, { connection: redis, prefix });
  const playbookQueue = new Queue(PLAYBOOK_QUEUE, { connection: redis, prefix });
  const eventsConnection = connect(true);
  eventsConnection.on('error', () => undefined);
  const scanEvents = new QueueEvents(SCAN_QUEUE, { connection: eventsConnection, prefix });
  scanEvents.on('error', () => undefined);
  await scanEvents.waitUntilReady();
  const playbookEvents = new QueueEvents(PLAYBOOK_QUEUE, { connection: eventsConnection, prefix });
  playbookEvents.on('error', () => undefined);
  await playbookEvents.waitUntilReady();
  const notifyQueue = new Queue(NOTIFY_QUEUE, { connection: redis, prefix });
  // A command (approve, false positive, retry) hands its report over only after it changed the
  // incident, so "no report pending" also means "no command still running".
  const commandQueue = new Queue(COMMAND_QUEUE, { connection: redis, prefix });
  // Without a listener BullMQ prints every connection error of these while Redis is away.
  for (const queue of [scanQueue, playbookQueue, notifyQueue, commandQueue])
    queue.on('error', () => undefined);
  const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
  return {
    emulator,
    unkey,
    slack,
    reports: new ReportStore(redis, { prefix }),
    responderKeyId: responder?.keyId,
    env,
    runs,
    runtime,
    prefix,
    webhookSecret: WEBHOOK_SECRET,
    redis,
    incidents: new IncidentStore(redis, { prefix }),
    playbookQueue,
    logLines,
    async deliver(event, payload, deliveryId = randomUUID()) {
      const result = await deliverWebhook({
        url: `${runtime.url}/api/github/webhooks`,
        secret: WEBHOOK_SECRET,
        event,
        payload,
        deliveryId,
      });
      return { status: result.status, body: result.body, deliveryId };
    },
    waitForPlaybook(incidentId, run) {
      return new Promise<RunState>((resolve, reject) => {
        const finish = (error?: Error, state?: RunState) => {
          clearTimeout(timer);
          playbookEvents.off('completed', onEvent);
          playbookEvents.off('failed', onFailed);
          if (error) reject(error);
          else resolve(state as RunState);
        };
        const check = async () => {
          const state = await runs.currentRun(incidentId);
          if (state?.run.finishedAt && (run === undefined || state.run.run >= run)) finish(undefined, state);
        };
        const onEvent = ({ jobId }: { jobId: string }) => {
          if (jobId === incidentId) void check();
        };
        const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
          if (jobId === incidentId) finish(new Error(`playbook ${incidentId} failed: ${failedReason}`));
        };
        const timer = setTimeout(
          () => finish(new Error(`playbook ${incidentId} did not finish in 90 s`)),
          90_000,
        );
        playbookEvents.on('completed', onEvent);
        playbookEvents.on('failed', onFailed);
        void check();
      });
    },
    async waitForReports(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Upstream first: a command wakes a playbook, a playbook hands reports over, so a queue read
        // as idle cannot be fed again by one read after it.
        const counts = {
          commands: await commandQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
          playbooks: await playbookQueue.getJobCounts('waiting', 'active', 'prioritized'),
          reports: await notifyQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
        };
        if (Object.values(counts).every((c) => Object.values(c).every((n) => n === 0))) return;
        if (Date.now() > deadline)
          throw new Error(`reports still pending after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async waitForParked(incidentId) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const job = await playbookQueue.getJob(incidentId);
        const state = job ? await job.getState() : 'missing';
        if (state === 'delayed') return (await runs.currentRun(incidentId))!;
        if (state === 'completed' || state === 'failed' || state === 'missing')
          throw new Error(`the playbook job of ${incidentId} is ${state}, not parked`);
        if (Date.now() > deadline)
          throw new Error(`the playbook job of ${incidentId} was not parked in 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async waitForScan(deliveryId) {
      const job = await Job.fromId(scanQueue, deliveryId);
      if (job === undefined) throw new Error(`no scan job for delivery ${deliveryId}`);
      return (await job.waitUntilFinished(scanEvents, 60_000)) as ScanJobSummary;
    },
    async createRepo(name, options = {}) {
      const fullName = `${OWNER}/${name}`;
      await emulator.createRepository(fullName, {
        installationId: INSTALLATION_ID,
        private: options.private ?? false,
      });
      await emulator.commit(fullName, 'main', { 'README.md': `# ${name}\n` }, { message: 'initial commit' });
      return fullName;
    },
    async leaks(keys) {
      const texts: [string, string][] = [
        ...logLines.map((line, i): [string, string] => [`log line ${i}`, line]),
        ...(await readRedisValues(redis, prefix)),
        ...emulator.requestBodies.map((body, i): [string, string] => [`GitHub request body ${i}`, body]),
        ...unkey.requests.map((r, i): [string, string] => [
          `Unkey request body ${i} (${r.op ?? r.path})`,
          r.body,
        ]),
        ...slack.requests.map((r, i): [string, string] => [`Slack request body ${i}`, r.body]),
      ];
      return findKeyMaterial(texts, keys);
    },
    async close() {
      await runtime.close();
      await scanEvents.close();
      await playbookEvents.close();
      eventsConnection.disconnect();
      await scanQueue.obliterate({ force: true });
      await playbookQueue.obliterate({ force: true });
      await notifyQueue.obliterate({ force: true });
      await commandQueue.obliterate({ force: true });
      await scanQueue.close();
      await playbookQueue.close();
      await notifyQueue.close();
      await commandQueue.close();
      // A pipeline of single-key DELs: in a cluster the prefix's hash tag keeps them in one slot.
      const keys = await keysMatching(redis, `${prefix}:*`);
      if (keys.length > 0) await keys.reduce((pipeline, key) => pipeline.del(key), redis.pipeline()).exec();
      await redis.quit();
      await emulator.close();
      await unkey.close();
      await slack.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** A harness for one test file, with the keys its tests generate. */
export type HarnessForFile = Harness & {
  /** A fresh root key from the file's seeded generator; the file's end checks none of it leaked. */
  newKey(): string;
  /** Adds a key made elsewhere (the Unkey emulator's) to the file's end-of-file leak check. */
  watchKey(key: string): string;
};

/**
 * Starts a harness before the file's tests and, after them, fails the file if any generated key
 * leaked (logs, Redis, GitHub request bodies) or GitHub's description rejected any request;
 * then stops it. The returned object forwards to the running harness.
 */
export function useHarness(seed: number, options: HarnessOptions = {}): HarnessForFile {
  const gen = new KeyGenerator(seed);
  const keys: string[] = [];
  let live: Harness | undefined;
  beforeAll(async () => {
    live = await startHarness(options);
  });
  afterAll(async () => {
    if (live === undefined) return;
    const responderKey = live.env['UNKEY_ROOT_KEY'];
    expect(await live.leaks(responderKey ? [...keys, responderKey] : keys)).toEqual([]);
    expect(live.emulator.violations).toEqual([]);
    expect(live.unkey.violations).toEqual([]);
    expect(live.slack.violations).toEqual([]);
    await live.close();
  });
  const newKey = () => {
    const key = gen.rootKey();
    keys.push(key);
    return key;
  };
  /** Registers a key made elsewhere (by the Unkey emulator) for the end-of-file leak check. */
  const watchKey = (key: string) => {
    keys.push(key);
    watchKeys(key);
    return key;
  };
  return new Proxy({} as HarnessForFile, {
    get(_, property) {
      if (property === 'newKey') return newKey;
      if (property === 'watchKey') return watchKey;
      if (live === undefined) throw new Error('the harness starts in beforeAll: use it inside a test');
      return live[property as keyof Harness];
    },
  });
}
