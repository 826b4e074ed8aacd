import { randomUUID } from 'node:crypto';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { deliverWebhook } from '../../emulators/github/deliver-webhook.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import { startRuntime, type Runtime } from '../../src/cli/runtime/start-runtime.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { createLogger } from '../../src/log/create-logger.js';
import { SCAN_QUEUE, PLAYBOOK_QUEUE } from '../../src/queue/queues.js';
import type { ScanJobSummary } from '../../src/scan/start-scan-worker.js';
import { KeyGenerator } from '../support/keygen.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import { readRedisValues } from './redis-values.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const INSTALLATION_ID = 4242;
export const OWNER = 'acme';
const WEBHOOK_SECRET = `whsec-${randomUUID()}`;

/** rootguard running in-process against the GitHub emulator and the real Redis, with its own prefix. */
export interface Harness {
  readonly emulator: GitHubEmulator;
  readonly runtime: Runtime;
  readonly prefix: string;
  /** The secret deliveries are signed with. */
  readonly webhookSecret: string;
  readonly redis: Redis;
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
export async function startHarness(options: { redisUrl?: string } = {}): Promise<Harness> {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const emulator = await startGitHubEmulator();
  emulator.addInstallation({ id: INSTALLATION_ID, account: { login: OWNER } });
  const prefix = `rg-it-${randomUUID().slice(0, 8)}`;
  const logLines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => logLines.push(line) } });
  const runtime = await startRuntime({
    role: 'serve',
    env: {
      APP_ID: String(emulator.appId),
      PRIVATE_KEY: emulator.privateKeyPem,
      WEBHOOK_SECRET,
      GITHUB_API_URL: emulator.url,
      ROOTGUARD_REDIS_URL: redisUrl,
      ROOTGUARD_APP_SLUG: 'rootguard',
    },
    port: 0,
    prefix,
    log,
    cloneUrl: (owner, repo) => emulator.bareRepoPath(`${owner}/${repo}`),
  });
  const redis = new Redis(redisUrl);
  // The test's own connections may see Redis go away (redis-down.test.ts): expected, not noise.
  redis.on('error', () => undefined);
  const scanQueue = new Queue(SCAN_QUEUE, { connection: redis, prefix });
  const playbookQueue = new Queue(PLAYBOOK_QUEUE, { connection: redis, prefix });
  const eventsConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  eventsConnection.on('error', () => undefined);
  const scanEvents = new QueueEvents(SCAN_QUEUE, { connection: eventsConnection, prefix });
  scanEvents.on('error', () => undefined);
  await scanEvents.waitUntilReady();
  return {
    emulator,
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
      ];
      return findKeyMaterial(texts, keys);
    },
    async close() {
      await runtime.close();
      await scanEvents.close();
      eventsConnection.disconnect();
      await scanQueue.obliterate({ force: true });
      await playbookQueue.obliterate({ force: true });
      await scanQueue.close();
      await playbookQueue.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      await emulator.close();
    },
  };
}

/** A harness for one test file, with the keys its tests generate. */
export type HarnessForFile = Harness & {
  /** A fresh root key from the file's seeded generator; the file's end checks none of it leaked. */
  newKey(): string;
};

/**
 * Starts a harness before the file's tests and, after them, fails the file if any generated key
 * leaked (logs, Redis, GitHub request bodies) or GitHub's description rejected any request;
 * then stops it. The returned object forwards to the running harness.
 */
export function useHarness(seed: number, options: { redisUrl?: string } = {}): HarnessForFile {
  const gen = new KeyGenerator(seed);
  const keys: string[] = [];
  let live: Harness | undefined;
  beforeAll(async () => {
    live = await startHarness(options);
  });
  afterAll(async () => {
    if (live === undefined) return;
    expect(await live.leaks(keys)).toEqual([]);
    expect(live.emulator.violations).toEqual([]);
    await live.close();
  });
  const newKey = () => {
    const key = gen.rootKey();
    keys.push(key);
    return key;
  };
  return new Proxy({} as HarnessForFile, {
    get(_, property) {
      if (property === 'newKey') return newKey;
      if (live === undefined) throw new Error('the harness starts in beforeAll: use it inside a test');
      return live[property as keyof Harness];
    },
  });
}
