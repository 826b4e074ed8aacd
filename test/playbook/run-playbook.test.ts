import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATOR_CONFIG } from '../../src/config/operator-config.js';
import { Secret } from '../../src/detect/secret.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import type { PlaybookDependencies } from '../../src/playbook/playbook-dependencies.js';
import { runPlaybook } from '../../src/playbook/run-playbook.js';
import type { NotifyRequest } from '../../src/queue/notify-job.js';
import { UnkeyRetryableError } from '../../src/unkey/errors.js';
import type { UnkeyClient } from '../../src/unkey/unkey-client.js';
import {
  deleteUnder,
  recordCommitIncident,
  TEST_REDIS_URL,
  uniquePrefix,
} from '../incidents/redis-fixture.js';
import { KeyGenerator } from '../support/keygen.js';
import { watchKeys } from '../support/suite-canary.js';
import { heldAtGate } from './held-at-gate.js';

const gen = new KeyGenerator(651);
/** Keys of the wait-report cases (their own seed, as when they were a file of their own). */
const waitGen = new KeyGenerator(5412);
const FIRST_TRY = { finalAttempt: false };
const prefix = uniquePrefix('playbook');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await deleteUnder(redis, prefix);
  await redis.quit();
});

/** An incident whose Unkey never answers, and a playbook over it with no GitHub at all. */
async function unreachableWorld() {
  const key = gen.rootKey();
  const incidents = new IncidentStore(redis, { prefix });
  const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
  const incidentId = await recordCommitIncident(incidents, key, { repoPublic: false });
  const down = () =>
    Promise.reject(new UnkeyRetryableError('server-error', 'apis.getApi', 'Unkey answered 503'));
  const notified: NotifyRequest[] = [];
  const deps: PlaybookDependencies = {
    incidents,
    runs,
    config: DEFAULT_OPERATOR_CONFIG,
    unkey: { probeLiveness: down, capabilities: down } as unknown as UnkeyClient,
    responderConfigured: false,
    clientFor: () => Promise.reject(Object.assign(new Error('GitHub answered 502'), { status: 502 })),
    readLeakedKey: async () => ({ key: new Secret(key), from: 'occurrence' }),
    notify: async (job) => void notified.push(job),
    log: pino({ level: 'silent' }),
    now: () => new Date(),
    sleep: async () => undefined,
  };
  return { deps, incidentId, runs, incidents, notified };
}

describe('runPlaybook', () => {
  it('throws a retryable failure for the queue to retry, and keeps the step open', async () => {
    const { deps, incidentId, runs } = await unreachableWorld();
    await expect(runPlaybook(deps, incidentId, { finalAttempt: false })).rejects.toBeInstanceOf(
      UnkeyRetryableError,
    );
    const state = await runs.currentRun(incidentId);
    expect(state!.steps.get('verify')).toMatchObject({ summary: 'running' });
    expect(state!.steps.get('verify')!.outcome).toBeUndefined();
  });

  it('on the last attempt records `failed` with the cleaned error and goes on to the report: nothing is lost', async () => {
    const { deps, incidentId, runs, incidents, notified } = await unreachableWorld();
    await expect(runPlaybook(deps, incidentId, { finalAttempt: false })).rejects.toThrow();
    expect(await runPlaybook(deps, incidentId, { finalAttempt: true })).toEqual({ kind: 'finished', run: 1 });
    const state = (await runs.currentRun(incidentId))!;
    expect(state.steps.get('verify')).toMatchObject({
      outcome: 'failed',
      summary: 'verify failed: Unkey answered 503',
    });
    expect(state.steps.get('identify')!.outcome).toBe('failed');
    expect(state.steps.get('report')!.outcome).toBe('done');
    expect(notified).toEqual([
      { incidentId, run: 1, revision: 1, trigger: 'opened' },
      { incidentId, run: 1, revision: 1 },
    ]);
    expect(await incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });
    // Finished and nothing new: running again starts nothing (it only hands the end over again,
    // which the reporters find already sent).
    expect(await runPlaybook(deps, incidentId, { finalAttempt: true })).toEqual({ kind: 'idle' });
    expect(notified.at(-1)).toEqual({ incidentId, run: 1, revision: 1 });
  });

  it("never loses the run's final report: a queue that refuses it fails the pass, and the retry hands it over", async () => {
    const { deps, incidentId, notified } = await unreachableWorld();
    let refuse = true;
    const flaky: PlaybookDependencies = {
      ...deps,
      notify: async (request) => {
        // Progress reports may be lost (containment goes on); the final one may not.
        if (refuse && request.trigger === undefined) throw new Error('Redis could not take the notify job');
        notified.push(request);
      },
    };
    await expect(runPlaybook(flaky, incidentId, { finalAttempt: true })).rejects.toThrow(/notify job/);
    expect(notified).toEqual([{ incidentId, run: 1, revision: 1, trigger: 'opened' }]);
    refuse = false;
    expect(await runPlaybook(flaky, incidentId, { finalAttempt: true })).toEqual({ kind: 'idle' });
    expect(notified.at(-1)).toEqual({ incidentId, run: 1, revision: 1 });
  });
});

/** An incident waiting at the gate (`heldAtGate`), with the report requests it hands over. */
async function heldIncident() {
  const key = waitGen.rootKey();
  watchKeys(key);
  const notified: NotifyRequest[] = [];
  const held = await heldAtGate(redis, prefix, key, async (request) => void notified.push(request));
  const gate = async () => (await held.runs.currentRun(held.incidentId))!.steps.get('gate')!;
  return { ...held, notified, gate };
}

describe("runPlaybook: a wait's report", () => {
  it('is handed over once, and marked so; waking to wait on again hands nothing over', async () => {
    const { deps, incidentId, notified, gate } = await heldIncident();
    expect(await runPlaybook(deps, incidentId, FIRST_TRY)).toMatchObject({ kind: 'wait', step: 'gate' });
    expect(notified.filter((n) => n.trigger === 'waiting')).toHaveLength(1);
    expect(await gate()).toMatchObject({ waitingFor: expect.any(String), waitReported: true });

    expect(await runPlaybook(deps, incidentId, FIRST_TRY)).toMatchObject({ kind: 'wait', step: 'gate' });
    expect(notified.filter((n) => n.trigger === 'waiting')).toHaveLength(1);
    expect((await gate()).waitReported).toBe(true);
  });

  it('is handed over by the retry when the worker stopped after recording the wait', async () => {
    const { deps, incidentId, runs, run, notified, gate } = await heldIncident();
    await runPlaybook(deps, incidentId, FIRST_TRY);
    // The state a worker leaves when it stops between recording the wait and handing it over.
    const { waitReported: _handedOver, ...recordedOnly } = await gate();
    await runs.saveStep(incidentId, run, recordedOnly);
    notified.length = 0;

    expect(await runPlaybook(deps, incidentId, FIRST_TRY)).toMatchObject({ kind: 'wait', step: 'gate' });
    expect(notified.map((n) => n.trigger)).toEqual(['waiting']);
    expect((await gate()).waitReported).toBe(true);
  });

  it('stays unmarked when the queue could not take it, so the next look hands it over', async () => {
    const { deps, incidentId, notified, gate } = await heldIncident();
    const refusing = { ...deps, notify: () => Promise.reject(new Error('Redis is not answering')) };
    expect(await runPlaybook(refusing, incidentId, FIRST_TRY)).toMatchObject({ kind: 'wait', step: 'gate' });
    expect((await gate()).waitReported).toBeUndefined();

    await runPlaybook(deps, incidentId, FIRST_TRY);
    expect(notified.map((n) => n.trigger)).toEqual(['waiting']);
    expect((await gate()).waitReported).toBe(true);
  });
});
