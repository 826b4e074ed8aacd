import { createPassMemo } from '../../src/playbook/pass-memo.js';
import {
  DEFAULT_OPERATOR_CONFIG,
  DEFAULT_POLICY,
  type ResolvedPolicy,
} from '../../src/config/operator-config.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { Secret } from '../../src/detect/secret.js';
import type { Incident } from '../../src/incidents/incident.js';
import type { StepDetail, StepRecord } from '../../src/incidents/step-record.js';
import type { StepName } from '../../src/playbook/step-names.js';
import type { PlaybookDependencies } from '../../src/playbook/playbook-dependencies.js';
import type { StepContext } from '../../src/playbook/step-context.js';
import type { UnkeyClient } from '../../src/unkey/unkey-client.js';

/** Earlier steps' outcomes and details, as a run would hold them. */
export type EarlierSteps = Partial<
  Record<StepName, { outcome?: StepRecord['outcome']; detail?: StepDetail }>
>;

/** A step context over fakes: the Unkey client is whatever the test passes (unused calls throw). */
export function stepContext(options: {
  readonly key: string;
  readonly unkey: Partial<UnkeyClient>;
  readonly earlier?: EarlierSteps;
  readonly progress?: StepDetail;
  readonly policy?: Partial<ResolvedPolicy>;
  readonly now?: number;
}): StepContext & { readonly checkpoints: StepDetail[]; readonly incidentUpdates: object[] } {
  const now = options.now ?? Date.parse('2026-11-27T12:00:00Z');
  const incident: Incident = {
    id: 'inc_AAAAAAAAAAAAAAAAAAAAAA',
    fingerprint: fingerprintKey(options.key),
    ruleId: 'unkey-root-key',
    masked: maskKey(options.key),
    status: 'open',
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    firstExposedAt: new Date(now - 60_000).toISOString(),
    occurrenceCount: 1,
    anyPublic: true,
    revision: 1,
    run: 1,
  };
  const unkey = new Proxy(options.unkey as UnkeyClient, {
    get(target, name) {
      const value = (target as unknown as Record<string | symbol, unknown>)[name];
      if (value === undefined)
        return () => Promise.reject(new Error(`unexpected Unkey call ${String(name)}`));
      return value;
    },
  });
  const checkpoints: StepDetail[] = [];
  const incidentUpdates: object[] = [];
  const deps = {
    unkey,
    responderConfigured: true,
    config: DEFAULT_OPERATOR_CONFIG,
    now: () => new Date(now),
    sleep: async () => undefined,
    clientFor: () => Promise.reject(new Error('no GitHub in this test')),
    // The incident's clocks (revokedAt…) are written here; tests read them from `incidentUpdates`.
    runs: { updateIncident: async (_id: string, update: object) => void incidentUpdates.push(update) },
  } as unknown as PlaybookDependencies;
  const steps = new Map<StepName, StepRecord<StepName>>();
  for (const [name, record] of Object.entries(options.earlier ?? {}))
    steps.set(name as StepName, {
      step: name as StepName,
      summary: '',
      startedAt: incident.createdAt,
      ...record,
    });
  return {
    deps,
    incident,
    occurrences: [],
    policy: { ...DEFAULT_POLICY, ...options.policy },
    run: { run: 1, startedAt: incident.createdAt, revision: 1 },
    steps,
    startedAt: new Date(now),
    progress: options.progress ?? {},
    checkpoint: async (detail) => {
      checkpoints.push(detail);
    },
    leakedKey: async () => new Secret(options.key),
    once: createPassMemo(),
    finalAttempt: false,
    checkpoints,
    incidentUpdates,
  };
}
