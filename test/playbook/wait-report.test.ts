import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlaybook } from '../../src/playbook/run-playbook.js';
import type { NotifyRequest } from '../../src/queue/notify-job.js';
import { deleteUnder, TEST_REDIS_URL, uniquePrefix } from '../incidents/redis-fixture.js';
import { KeyGenerator } from '../support/keygen.js';
import { watchKeys } from '../support/suite-canary.js';
import { heldAtGate } from './held-at-gate.js';

const gen = new KeyGenerator(5412);
const FIRST_TRY = { finalAttempt: false };
const prefix = uniquePrefix('wait-report');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await deleteUnder(redis, prefix);
  await redis.quit();
});

/** An incident waiting at the gate (`heldAtGate`), with the report requests it hands over. */
async function heldIncident() {
  const key = gen.rootKey();
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
