import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATOR_CONFIG } from '../../src/config/operator-config.js';
import { Secret } from '../../src/detect/secret.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { RunStore, type RunState } from '../../src/incidents/run-store.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import type { PlaybookDependencies } from '../../src/playbook/playbook-dependencies.js';
import { startPlaybookWorker } from '../../src/playbook/start-playbook-worker.js';
import { PLAYBOOK_QUEUE } from '../../src/queue/queues.js';
import { UnkeyRetryableError } from '../../src/unkey/errors.js';
import type { UnkeyClient } from '../../src/unkey/unkey-client.js';
import {
  deleteUnder,
  recordCommitIncident,
  TEST_REDIS_URL,
  uniquePrefix,
} from '../incidents/redis-fixture.js';
import { KeyGenerator } from '../support/keygen.js';
import { readRedisValues } from '../support/redis-values.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import { watchKeys } from '../support/suite-canary.js';

const gen = new KeyGenerator(4926);
/** The step deadline of this file's worker (production: minutes). */
const STEP_DEADLINE_MS = 300;
const ATTEMPTS = 2;

// F26 (issue 12): a step that throws something that is not an Error (a string holding the key,
// a plain object), or that never finishes (a loop), fails after its attempts with a cleaned
// reason, and the other incidents keep running: the worker has ONE slot here, so a step that held
// it would stop every incident queued behind it (the per-step deadline gives it back).
describe('F26: a step that throws a non-Error, or loops', () => {
  const prefix = uniquePrefix('f26');
  let redis: Redis;
  let queue: Queue;
  let worker: Worker;
  const keys = { string: gen.rootKey(), object: gen.rootKey(), loop: gen.rootKey(), other: gen.rootKey() };
  watchKeys(...Object.values(keys));
  let stopLooping = false;
  const ids = {} as Record<keyof typeof keys, string>;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const incidents = new IncidentStore(redis, { prefix });
    const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
    const byFingerprint = new Map<string, string>();
    for (const [name, key] of Object.entries(keys) as [keyof typeof keys, string][]) {
      ids[name] = await recordCommitIncident(incidents, key, { repoPublic: false });
      byFingerprint.set((await incidents.get(ids[name]))!.fingerprint, key);
    }
    const down = () =>
      Promise.reject(new UnkeyRetryableError('server-error', 'apis.getApi', 'Unkey answered 503'));
    // The verify step's liveness probe, per leaked key: the faults under test.
    const probeLiveness = async (key: Secret) => {
      const plain = key.reveal();
      if (plain === keys.string) throw `probe exploded near ${plain}`;
      if (plain === keys.object) throw { reason: 'odd', key: plain };
      if (plain === keys.loop)
        // Busy in small slices (the event loop stays free, so BullMQ keeps renewing the lock: the
        // job would hold its slot for ever).
        for (;;) {
          if (stopLooping) throw new Error('stopped by the test');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      return down();
    };
    const deps: PlaybookDependencies = {
      incidents,
      runs,
      config: DEFAULT_OPERATOR_CONFIG,
      unkey: { probeLiveness, capabilities: down } as unknown as UnkeyClient,
      responderConfigured: false,
      clientFor: () => Promise.reject(Object.assign(new Error('GitHub answered 502'), { status: 502 })),
      readLeakedKey: async (_, fingerprint) => ({
        key: new Secret(byFingerprint.get(fingerprint)!),
        from: 'occurrence',
      }),
      notify: async () => undefined,
      log: pino({ level: 'silent' }),
      now: () => new Date(),
      sleep: async () => undefined,
      stepDeadlineMs: STEP_DEADLINE_MS,
    };
    queue = new Queue(PLAYBOOK_QUEUE, { connection: redis, prefix });
    worker = startPlaybookWorker({
      connection: redis,
      prefix,
      concurrency: 1,
      deps,
      requeue: async () => undefined,
    });
    worker.on('error', () => undefined);
  });
  afterAll(async () => {
    stopLooping = true;
    await worker?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    const leaks = findKeyMaterial(await readRedisValues(redis, prefix), Object.values(keys));
    await deleteUnder(redis, prefix);
    await redis.quit();
    expect(leaks).toEqual([]);
  });

  /** Polls until the incident's run has finished. */
  async function finishedRun(incidentId: string): Promise<RunState> {
    const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
    for (;;) {
      const state = await runs.currentRun(incidentId);
      if (state?.run.finishedAt) return state;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('each fails after its attempts with a cleaned reason; the loop does not hold the only slot', async () => {
    // The loop first: it takes the one slot before the others are even queued.
    for (const name of ['loop', 'string', 'object', 'other'] as const)
      await queue.add(
        'playbook',
        { incidentId: ids[name] },
        { jobId: ids[name], attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 10 } },
      );
    const [loop, string, object, other] = await Promise.all(
      (['loop', 'string', 'object', 'other'] as const).map((name) => finishedRun(ids[name])),
    );
    // The loop ran into its deadline on every attempt and was recorded failed, saying so.
    expect(loop!.steps.get('verify')).toMatchObject({
      outcome: 'failed',
      summary: `verify failed: the verify step did not finish within ${STEP_DEADLINE_MS} ms`,
    });
    // A thrown string keeps its text, masked; a thrown object says only that it was no Error.
    const stringFailure = string!.steps.get('verify')!;
    expect(stringFailure.outcome).toBe('failed');
    expect(stringFailure.summary).toMatch(/^verify failed: probe exploded near \S+$/);
    expect(findKeyMaterial([['summary', JSON.stringify(stringFailure)]], [keys.string])).toEqual([]);
    expect(object!.steps.get('verify')).toMatchObject({
      outcome: 'failed',
      summary: 'verify failed: non-error thrown',
    });
    // The incident behind them ran to its end too.
    expect(other!.steps.get('report')!.outcome).toBe('done');
    // Each spent its attempts (the last one records the failure and completes the job).
    for (const name of ['loop', 'string', 'object'] as const) {
      const job = await queue.getJob(ids[name]);
      expect(job?.attemptsMade).toBe(ATTEMPTS);
    }
  }, 30_000);
});
