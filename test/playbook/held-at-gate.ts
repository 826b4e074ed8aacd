import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { parseOperatorConfig } from '../../src/config/operator-config.js';
import { Secret } from '../../src/detect/secret.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import type { StepRecord } from '../../src/incidents/step-record.js';
import type { PlaybookDependencies } from '../../src/playbook/playbook-dependencies.js';
import { STEP_NAMES, type StepName } from '../../src/playbook/step-names.js';
import type { NotifyRequest } from '../../src/queue/notify-job.js';
import { UnkeyRetryableError } from '../../src/unkey/errors.js';
import type { UnkeyClient } from '../../src/unkey/unkey-client.js';
import { recordCommitIncident } from '../incidents/redis-fixture.js';

/**
 * An incident of `key` held by the `approve` policy, with verify and identify done so that its
 * playbook's next step is the gate, and dependencies whose Unkey and GitHub never answer (the
 * gate needs neither). `notify` receives every report request.
 */
export async function heldAtGate(
  redis: Redis,
  prefix: string,
  key: string,
  notify: (request: NotifyRequest) => Promise<void>,
) {
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
  const deps: PlaybookDependencies = {
    incidents,
    runs,
    config: parseOperatorConfig('policy:\n  mode: approve\n  approveTimeout: 10m\n'),
    unkey: { probeLiveness: down, capabilities: down } as unknown as UnkeyClient,
    responderConfigured: false,
    clientFor: () => Promise.reject(Object.assign(new Error('GitHub answered 502'), { status: 502 })),
    readLeakedKey: async () => ({ key: new Secret(key), from: 'occurrence' }),
    notify,
    log: pino({ level: 'silent' }),
    now: () => new Date(),
    sleep: async () => undefined,
  };
  return { incidents, runs, incidentId, run, deps };
}
