import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentError } from '../../src/incidents/errors.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import { KeyGenerator } from '../support/keygen.js';
import { deleteUnder, recordCommitIncident, TEST_REDIS_URL, uniquePrefix } from './redis-fixture.js';

const gen = new KeyGenerator(611);
const prefix = uniquePrefix('runs');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await deleteUnder(redis, prefix);
  await redis.quit();
});

async function incident(): Promise<string> {
  const key = gen.rootKey();
  return recordCommitIncident(new IncidentStore(redis, { prefix }), key, {
    receivedAt: '2026-11-27T10:00:05Z',
  });
}

describe('RunStore', () => {
  it('numbers runs, keeps step records per run, and sets the incident fields the playbook owns', async () => {
    const id = await incident();
    const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
    const incidents = new IncidentStore(redis, { prefix });
    expect(await runs.currentRun(id)).toBeUndefined();
    const first = await runs.startRun(id, 1, new Date('2026-11-27T10:00:06Z'));
    await runs.saveStep(id, first.run, {
      step: 'verify',
      outcome: 'done',
      summary: 'live',
      startedAt: first.startedAt,
    });
    const second = await runs.startRun(id, 2, new Date('2026-11-27T11:00:00Z'));
    expect([first.run, second.run]).toEqual([1, 2]);
    expect((await runs.getRun(id, 1))!.steps.get('verify')).toMatchObject({ outcome: 'done' });
    expect((await runs.currentRun(id))!.steps.size).toBe(0);
    await runs.updateIncident(id, {
      status: 'contained',
      timeToContainMs: 1234,
      containedAt: '2026-11-27T10:00:07Z',
    });
    expect(await incidents.get(id)).toMatchObject({
      status: 'contained',
      run: 2,
      timeToContainMs: 1234,
      firstReceivedAt: '2026-11-27T10:00:05.000Z',
    });
  });

  it('refuses a record or a timeline line that holds a key, plain or encoded', async () => {
    const id = await incident();
    const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
    const run = await runs.startRun(id, 1, new Date());
    const key = gen.rootKey();
    await expect(
      runs.saveStep(id, run.run, {
        step: 'contain',
        summary: 'x',
        startedAt: run.startedAt,
        detail: { oops: key },
      }),
    ).rejects.toBeInstanceOf(IncidentError);
    await expect(
      runs.appendTimeline(id, {
        at: run.startedAt,
        run: 1,
        event: 'x',
        text: Buffer.from(key).toString('base64'),
      }),
    ).rejects.toThrow(/key-shaped/);
    expect(await runs.timeline(id)).toEqual([]);
    expect((await runs.currentRun(id))!.steps.size).toBe(0);
  });
});
