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

const gen = new KeyGenerator(651);
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
