import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATOR_CONFIG } from '../../src/config/operator-config.js';
import { Secret } from '../../src/detect/secret.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import type { PlaybookDependencies } from '../../src/playbook/playbook-dependencies.js';
import { runPlaybook } from '../../src/playbook/run-playbook.js';
import type { UnkeyClient } from '../../src/unkey/unkey-client.js';
import {
  deleteUnder,
  recordCommitIncident,
  TEST_REDIS_URL,
  uniquePrefix,
} from '../incidents/redis-fixture.js';
import { KeyGenerator } from '../support/keygen.js';

const gen = new KeyGenerator(652);
const prefix = uniquePrefix('prefetch');
const redis = new Redis(TEST_REDIS_URL);
afterAll(async () => {
  await deleteUnder(redis, prefix);
  await redis.quit();
});

describe('the critical path in parallel (issue 11 §2)', () => {
  it("asks for identify's root key list and deploy targets while verify's probe is still out", async () => {
    const key = gen.rootKey();
    const incidents = new IncidentStore(redis, { prefix });
    const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
    const incidentId = await recordCommitIncident(incidents, key, { repoPublic: false });
    const events: string[] = [];
    let listed: () => void = () => undefined;
    const listAsked = new Promise<void>((resolve) => (listed = resolve));
    let probes = 0;
    const unkey = {
      // The first probe (verify's) answers once the list was asked for, or after 1 s: in
      // sequence, the list would only be asked for after this answer.
      probeLiveness: async () => {
        probes += 1;
        if (probes === 1) {
          await Promise.race([listAsked, new Promise((resolve) => setTimeout(resolve, 1_000))]);
          events.push('verify probe answered');
        }
        return 'live';
      },
      capabilities: async () => ({ rootKeys: true, audit: false }),
      listRootKeys: async () => {
        events.push('root keys listed');
        listed();
        return [];
      },
    } as unknown as UnkeyClient;
    const deps: PlaybookDependencies = {
      incidents,
      runs,
      config: DEFAULT_OPERATOR_CONFIG,
      unkey,
      responderConfigured: true,
      clientFor: async () => {
        events.push('deploy targets read');
        throw Object.assign(new Error('Not Found'), { status: 404 });
      },
      readLeakedKey: async () => ({ key: new Secret(key), from: 'occurrence' }),
      notify: async () => undefined,
      log: pino({ level: 'silent' }),
      now: () => new Date(),
      sleep: async () => undefined,
    };
    const result = await runPlaybook(deps, incidentId, { finalAttempt: false });

    // No match in the list: the assisted path waits for a human, after verify and identify recorded.
    expect(result).toMatchObject({ kind: 'wait', step: 'contain' });
    expect(events.indexOf('root keys listed')).toBeLessThan(events.indexOf('verify probe answered'));
    expect(events.indexOf('deploy targets read')).toBeLessThan(events.indexOf('verify probe answered'));
    const state = await runs.currentRun(incidentId);
    expect(state?.steps.get('verify')?.outcome).toBe('done');
    expect(state?.steps.get('identify')?.outcome).toBe('done');
  });
});
