import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOperatorConfig } from '../../src/config/operator-config.js';
import { Secret } from '../../src/detect/secret.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import type { StepRecord } from '../../src/incidents/step-record.js';
import type { PlaybookDependencies } from '../../src/playbook/playbook-dependencies.js';
import { runPlaybook } from '../../src/playbook/run-playbook.js';
import { STEP_NAMES, type StepName } from '../../src/playbook/step-names.js';
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

/** An incident held by the `approve` policy: verify and identify done, so the gate waits. */
async function heldIncident() {
  const key = gen.rootKey();
  watchKeys(key);
  const incidents = new IncidentStore(redis, { prefix });
  const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
  const incidentId = await recordCommitIncident(incidents, key, { repoPublic: false });
  const { run } = await runs.startRun(incidentId, (await incidents.get(incidentId))!.revision, new Date());
  for (const [step, detail] of [
    ['verify', { liveness: 'live' }],
    ['identify', { path: 'assisted' }],
  ] as const) {
    const at = new Date().toISOString();
    const record: StepRecord<StepName> = {
      step,
      outcome: 'done',
      summary: `${step} done`,
      startedAt: at,
      finishedAt: at,
      durationMs: 0,
      detail,
    };
    await runs.finishStep(incidentId, run, record, { at, run, step, event: 'step-done', text: 'done' });
  }
  const down = () =>
    Promise.reject(new UnkeyRetryableError('server-error', 'apis.getApi', 'Unkey answered 503'));
  const notified: NotifyRequest[] = [];
  const deps: PlaybookDependencies = {
    incidents,
    runs,
    config: parseOperatorConfig('policy:\n  mode: approve\n  approveTimeout: 10m\n'),
    unkey: { probeLiveness: down, capabilities: down } as unknown as UnkeyClient,
    responderConfigured: false,
    clientFor: () => Promise.reject(Object.assign(new Error('GitHub answered 502'), { status: 502 })),
    readLeakedKey: async () => ({ key: new Secret(key), from: 'occurrence' }),
    notify: async (request) => void notified.push(request),
    log: pino({ level: 'silent' }),
    now: () => new Date(),
    sleep: async () => undefined,
  };
  const gate = async () => (await runs.currentRun(incidentId))!.steps.get('gate')!;
  return { deps, incidentId, runs, run, notified, gate };
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
