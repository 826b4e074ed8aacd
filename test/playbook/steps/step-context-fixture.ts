// A `StepContext` over in-memory fakes, for the unit tests of each playbook step. It stands in for
// what `runPlaybook` builds (run-playbook.ts): a checkpoint merges into the progress a retry reads
// back, a clock that `sleep` moves on (no real waits), and records of every write a step makes.
// The only imports outside src/playbook, src/incidents, src/unkey and src/sinks are here
// (`Secret` and `fingerprintKey` from src/detect), so the step tests survive moves elsewhere.
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { Secret } from '../../../src/detect/secret.js';
import type { Incident } from '../../../src/incidents/incident.js';
import type { Occurrence } from '../../../src/incidents/occurrence.js';
import type { StepDetail, StepRecord, TimelineEvent } from '../../../src/incidents/step-record.js';
import { createPassMemo } from '../../../src/playbook/pass-memo.js';
import type { PlaybookDependencies } from '../../../src/playbook/playbook-dependencies.js';
import type { StepResult } from '../../../src/playbook/playbook-step.js';
import type { StepContext } from '../../../src/playbook/step-context.js';
import type { StepDetailOf } from '../../../src/playbook/step-details.js';
import type { StepName } from '../../../src/playbook/step-names.js';
import type { UnkeyClient } from '../../../src/unkey/unkey-client.js';
import type { FakeGitHub } from './fake-github.js';

type Policy = StepContext['policy'];
type OperatorConfig = PlaybookDependencies['config'];

/** The fixture's clock starts here (ms since the epoch). */
export const NOW = Date.parse('2026-11-27T12:00:00.000Z');
export const INCIDENT_ID = 'inc_StepUnitTestAAAAAAAAA';
export const REPO = 'acme/api';

/** Every field written out, so a test never depends on the defaults of the config module. */
export const BASE_POLICY: Policy = {
  mode: 'auto',
  approveTimeoutMs: 30 * 60_000,
  onApproveTimeout: 'contain',
  confirmTimeoutMs: 2 * 60_000,
  manualRevokeTimeoutMs: 24 * 60 * 60_000,
  auditMarginMs: 10 * 60_000,
  rerollAffected: false,
  purgeLogs: false,
};

const BASE_CONFIG: OperatorConfig = {
  policy: { ...BASE_POLICY, rules: [] },
  rootKeys: [],
  unkey: { apis: [] },
  notify: {},
  commands: { responderTeams: [] },
  apiKeyPrefixes: [],
};

/** Earlier steps' outcomes and details, as a run holds them. */
export type EarlierSteps = Partial<
  Record<StepName, { readonly outcome?: StepRecord['outcome']; readonly detail?: StepDetail }>
>;

/** What a test sets; everything else is a quiet default. */
export interface StepContextOptions<N extends StepName = StepName> {
  /** The leaked key's plaintext; `null`: no occurrence still holds it. */
  readonly key: string | null;
  /** The Unkey calls the step may make; any other call rejects (and fails the test). */
  readonly unkey?: Partial<UnkeyClient>;
  /** @defaultValue a GitHub whose every client request rejects */
  readonly github?: FakeGitHub;
  readonly earlier?: EarlierSteps;
  /** What the step checkpointed before (a retry after a crash). */
  readonly progress?: StepDetailOf<N>;
  readonly policy?: Partial<Policy>;
  readonly config?: Partial<OperatorConfig>;
  readonly incident?: Partial<Incident>;
  /** What `deps.incidents.get` answers (the incident as it stands when read again). */
  readonly latest?: Partial<Incident>;
  readonly occurrences?: readonly Occurrence[];
  /** @defaultValue true */
  readonly responderConfigured?: boolean;
  /** @defaultValue `NOW` */
  readonly now?: number;
  /** When the step first started. @defaultValue the clock's start */
  readonly startedAt?: number;
  readonly finalAttempt?: boolean;
}

/** The context, with what the step wrote through it. */
export interface FakeStepContext<N extends StepName = StepName> extends StepContext<N> {
  /** Each `ctx.checkpoint` call, in order. */
  readonly checkpoints: StepDetailOf<N>[];
  /** Each `runs.updateIncident` call (the incident's clocks and status). */
  readonly incidentUpdates: Record<string, unknown>[];
  readonly timeline: TimelineEvent[];
  /** Each `deps.sleep` asked for (the clock moves on by as much). */
  readonly sleeps: number[];
  /** How many times the leaked key was read again. */
  readonly keyReads: () => number;
  /** The fixture's clock now (ms). */
  readonly clock: () => number;
  /** What a retry of this step would read from `ctx.progress`: the progress with every checkpoint merged, as `runPlaybook` saves it. */
  progressAfter(): StepDetailOf<N>;
}

/** A step context over fakes, for step `N` (`stepContext<'audit'>(…)`: the step's own progress type). */
export function stepContext<N extends StepName = StepName>(
  options: StepContextOptions<N>,
): FakeStepContext<N> {
  let clock = options.now ?? NOW;
  const start = options.now ?? NOW;
  const fingerprint = options.key === null ? 'fingerprint-of-an-unreadable-key' : fingerprintKey(options.key);
  const masked = options.key === null ? 'unkey_3Z…gone' : new Secret(options.key).masked;
  const incident: Incident = {
    id: INCIDENT_ID,
    fingerprint,
    ruleId: 'unkey-root-key',
    masked,
    status: 'open',
    createdAt: new Date(start - 2_000).toISOString(),
    updatedAt: new Date(start - 2_000).toISOString(),
    firstExposedAt: new Date(start - 60_000).toISOString(),
    firstReceivedAt: new Date(start - 2_000).toISOString(),
    occurrenceCount: 1,
    anyPublic: true,
    revision: 1,
    run: 1,
    ...options.incident,
  };
  const checkpoints: StepDetailOf<N>[] = [];
  const incidentUpdates: Record<string, unknown>[] = [];
  const timeline: TimelineEvent[] = [];
  const sleeps: number[] = [];
  let keyReads = 0;
  const deps: PlaybookDependencies = {
    incidents: {
      get: async (id: string) => (id === incident.id ? { ...incident, ...options.latest } : undefined),
    } as unknown as PlaybookDependencies['incidents'],
    runs: {
      updateIncident: async (_id: string, update: Record<string, unknown>) => {
        incidentUpdates.push(update);
      },
      appendTimeline: async (_id: string, event: TimelineEvent) => {
        timeline.push(event);
      },
    } as unknown as PlaybookDependencies['runs'],
    config: { ...BASE_CONFIG, ...options.config },
    unkey: strictUnkey(options.unkey ?? {}),
    responderConfigured: options.responderConfigured ?? true,
    clientFor: (ownerOrRepo) =>
      options.github
        ? options.github.clientFor(ownerOrRepo)
        : Promise.reject(new Error(`no GitHub in this test (asked for ${ownerOrRepo})`)),
    readLeakedKey: () => Promise.reject(new Error('steps read the key through ctx.leakedKey')),
    notify: () => Promise.reject(new Error('steps do not notify: runPlaybook does')),
    log: silentLog(),
    now: () => new Date(clock),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  };
  const steps = new Map<StepName, StepRecord<StepName>>();
  for (const [name, record] of Object.entries(options.earlier ?? {}))
    steps.set(name as StepName, {
      step: name as StepName,
      summary: '',
      startedAt: incident.createdAt,
      ...record,
    });
  let progress = options.progress ?? ({} as StepDetailOf<N>); // every detail field is optional
  return {
    deps,
    incident,
    occurrences: options.occurrences ?? [occurrence()],
    policy: { ...BASE_POLICY, ...options.policy },
    run: { run: 1, startedAt: incident.createdAt, revision: 1 },
    steps,
    startedAt: new Date(options.startedAt ?? start),
    progress,
    checkpoint: async (detail) => {
      checkpoints.push(detail);
      progress = { ...progress, ...detail };
    },
    leakedKey: async () => {
      keyReads++;
      return options.key === null ? undefined : new Secret(options.key);
    },
    once: createPassMemo(),
    finalAttempt: options.finalAttempt ?? false,
    checkpoints,
    incidentUpdates,
    timeline,
    sleeps,
    keyReads: () => keyReads,
    clock: () => clock,
    progressAfter: () => progress,
  };
}

/** A commit line in `REPO`, or a job log line when `runId` is given. */
export function occurrence(at: { readonly repo?: string; readonly runId?: number } = {}): Occurrence {
  const repo = at.repo ?? REPO;
  return {
    id: `occ_${repo}_${at.runId ?? 'commit'}`,
    ruleId: 'unkey-root-key',
    location:
      at.runId === undefined
        ? { kind: 'commit', repo, commit: 'c0ffee', path: '.env', line: 1, column: 1 }
        : { kind: 'job-log', repo, runId: at.runId, jobId: at.runId * 10, jobName: 'build', line: 3 },
    exposedAt: new Date(NOW - 60_000).toISOString(),
    recordedAt: new Date(NOW - 2_000).toISOString(),
    foundBy: at.runId === undefined ? 'push' : 'workflow_job',
    repoPublic: true,
  };
}

/** A step's result as Redis keeps it and the reports read it back: JSON, nothing else. */
export function stored(result: StepResult): StepResult {
  return JSON.parse(JSON.stringify(result)) as StepResult;
}

/** Wraps a plaintext as the Unkey client hands out a new key. */
export function secret(plaintext: string): Secret {
  return new Secret(plaintext);
}

/** The Unkey calls a test allows; any other rejects, naming the call. */
function strictUnkey(calls: Partial<UnkeyClient>): UnkeyClient {
  return new Proxy(calls as UnkeyClient, {
    get(target, name) {
      const value = (target as unknown as Record<string | symbol, unknown>)[name];
      if (value !== undefined) return value;
      if (name === 'baseUrl') return 'http://unkey.invalid';
      if (name === 'then') return undefined;
      return () => Promise.reject(new Error(`unexpected Unkey call ${String(name)}`));
    },
  });
}

function silentLog(): PlaybookDependencies['log'] {
  const log = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => log };
  return log as unknown as PlaybookDependencies['log'];
}

/** `base64(sha256(key))`: how the incident and the inventory know a key. */
export function fingerprintOf(plaintext: string): string {
  return fingerprintKey(plaintext);
}
