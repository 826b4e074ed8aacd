// IncidentReport objects for the renderer tests, built from keys generated at run time with a
// fixed seed and fixed times, and step records worded as the playbook's steps word them.
import type { PolicyMode } from '../../../src/config/operator-config.js';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { maskKey } from '../../../src/detect/mask.js';
import type { Incident, IncidentStatus } from '../../../src/incidents/incident.js';
import { incidentIdFor } from '../../../src/incidents/incident-id.js';
import type { Occurrence } from '../../../src/incidents/occurrence.js';
import type { OccurrenceLocation } from '../../../src/sources/occurrences/occurrence-location.js';
import type { ReporterDelivery } from '../../../src/incidents/report-store.js';
import type { RunState } from '../../../src/incidents/run-store.js';
import type { StepOutcome, StepRecord, TimelineEvent } from '../../../src/incidents/step-record.js';
import type { StepName } from '../../../src/playbook/step-names.js';
import type { ReporterName } from '../../../src/report/incident/reporter-names.js';
import { rotateByHand } from '../../../src/playbook/manual-instructions.js';
import type { IncidentReport } from '../../../src/report/incident/incident-report.js';
import { KeyGenerator } from '../../support/keygen.js';
import { hex } from '../../support/source-findings.js';

/** When every fixture incident starts: the push reached rootguard 2 s later. */
export const T0 = Date.parse('2026-11-27T10:00:00.000Z');
export const GITHUB_URL = 'https://github.com';
export const RENDERED_AT = '2026-11-27T10:05:00.000Z';

/** `T0 + ms` as ISO 8601. */
export function at(ms: number): string {
  return new Date(T0 + ms).toISOString();
}

/** A leaked key with everything an incident holds of it; `key` only for the leak checks. */
export interface LeakedKey {
  readonly key: string;
  readonly masked: string;
  readonly fingerprint: string;
  readonly id: string;
}

/** Generated keys: each fixture's leaked key and replacement, all in `keys` for the leak checks. */
export function fixtureKeys(seed = 5) {
  const gen = new KeyGenerator(seed);
  const leaked = (): LeakedKey => {
    const key = gen.rootKey();
    const fingerprint = fingerprintKey(key);
    return { key, masked: maskKey(key), fingerprint, id: incidentIdFor(fingerprint) };
  };
  const automatic = leaked();
  const assisted = leaked();
  const dryRun = leaked();
  const falsePositive = leaked();
  const awaiting = leaked();
  const replacement = gen.rootKey();
  const spare = gen.rootKey();
  return {
    gen,
    automatic,
    assisted,
    dryRun,
    falsePositive,
    awaiting,
    replacement,
    /** A key that appears in no fixture until a test puts it into a path. */
    spare,
    keys: [automatic, assisted, dryRun, falsePositive, awaiting].map((k) => k.key).concat(replacement, spare),
  };
}
export type FixtureKeys = ReturnType<typeof fixtureKeys>;

/** An incident of `key` with its counts derived from `occurrences`. */
export function incidentOf(
  key: LeakedKey,
  status: IncidentStatus,
  occurrences: readonly Occurrence[],
  extra: Partial<Incident> = {},
): Incident {
  return {
    id: key.id,
    fingerprint: key.fingerprint,
    ruleId: 'unkey-root-key',
    masked: key.masked,
    status,
    createdAt: at(2_050),
    updatedAt: at(2_050),
    firstExposedAt: occurrences[0]?.exposedAt ?? at(0),
    firstReceivedAt: at(2_000),
    occurrenceCount: occurrences.length,
    anyPublic: occurrences.some((o) => o.repoPublic),
    revision: occurrences.length,
    run: 1,
    ...extra,
  };
}

/** An occurrence at `location`, found by `foundBy`, exposed at T0 and received 2 s later. */
export function occurrenceAt(
  location: OccurrenceLocation,
  foundBy: Occurrence['foundBy'],
  options: { readonly repoPublic?: boolean; readonly index?: number } = {},
): Occurrence {
  const index = options.index ?? 0;
  return {
    id: `occ_${index}`,
    ruleId: 'unkey-root-key',
    location,
    exposedAt: at(index * 1_000),
    recordedAt: at(2_040 + index),
    foundBy,
    repoPublic: options.repoPublic ?? false,
    deliveryId: `delivery-${index}`,
    receivedAt: at(2_000 + index),
  };
}

/** Step records in playbook order: each starts when the one before finished. */
interface StepPlan {
  readonly step: StepName;
  readonly outcome?: StepOutcome;
  readonly summary: string;
  readonly ms: number;
  readonly instruction?: string;
  readonly detail?: StepRecord['detail'];
  readonly waitingFor?: string;
}

/** The run and its timeline as `runPlaybook` records them (start, each step, and the end). */
export function runOf(
  masked: string,
  plans: readonly StepPlan[],
  finalStatus?: IncidentStatus,
): { run: RunState<StepName>; timeline: TimelineEvent[] } {
  let clock = 2_060;
  const startedAt = at(clock);
  const timeline: TimelineEvent[] = [
    { at: startedAt, run: 1, event: 'run-started', text: `playbook started for ${masked}` },
  ];
  const steps = new Map<StepName, StepRecord<StepName>>();
  for (const plan of plans) {
    const start = clock;
    timeline.push({
      at: at(start),
      run: 1,
      step: plan.step,
      event: 'step-started',
      text: `${plan.step} started`,
    });
    if (plan.outcome === undefined) {
      steps.set(plan.step, {
        step: plan.step,
        summary: plan.summary,
        startedAt: at(start),
        ...(plan.instruction ? { instruction: plan.instruction } : {}),
        ...(plan.detail ? { detail: plan.detail } : {}),
        ...(plan.waitingFor ? { waitingFor: plan.waitingFor, waitingUntil: at(start + 60_000) } : {}),
      });
      break;
    }
    clock += plan.ms;
    steps.set(plan.step, {
      step: plan.step,
      outcome: plan.outcome,
      summary: plan.summary,
      startedAt: at(start),
      finishedAt: at(clock),
      durationMs: plan.ms,
      ...(plan.instruction ? { instruction: plan.instruction } : {}),
      ...(plan.detail ? { detail: plan.detail } : {}),
    });
    timeline.push({
      at: at(clock),
      run: 1,
      step: plan.step,
      event: `step-${plan.outcome}`,
      text: plan.summary,
    });
  }
  const finished = finalStatus !== undefined;
  if (finished)
    timeline.push({ at: at(clock), run: 1, event: 'run-finished', text: `run 1 finished: ${finalStatus}` });
  return {
    run: {
      run: {
        run: 1,
        startedAt,
        revision: 1,
        ...(finished ? { finishedAt: at(clock), reportedRevision: 1 } : {}),
      },
      steps,
    },
    timeline,
  };
}

function report(
  incident: Incident,
  occurrences: readonly Occurrence[],
  run: { run: RunState<StepName>; timeline: TimelineEvent[] } | undefined,
  policyMode: PolicyMode,
  extra: Partial<IncidentReport> = {},
): IncidentReport {
  return {
    incident,
    occurrences,
    ...(run ? { run: run.run } : {}),
    timeline: run?.timeline ?? [],
    policyMode,
    deliveries: [],
    githubUrl: GITHUB_URL,
    renderedAt: RENDERED_AT,
    ...extra,
  };
}

const DEPLOY = [
  { scope: 'repo', repo: 'acme/api', name: 'UNKEY_ROOT_KEY' },
  { scope: 'environment', repo: 'acme/api', environment: 'production', name: 'UNKEY_ROOT_KEY' },
];

/** Automatic path, policy `auto`: contained in 1.2 s, 2 deploy targets, 3 affected API keys. */
export function automaticReport(k: FixtureKeys): IncidentReport {
  const { masked } = k.automatic;
  const commit = hex(new KeyGenerator(11));
  const occurrences = [
    occurrenceAt(
      {
        kind: 'commit',
        repo: 'acme/api',
        commit,
        path: 'src/config.ts',
        line: 12,
        column: 18,
        pullRequest: 42,
      },
      'pull_request',
    ),
    occurrenceAt(
      {
        kind: 'job-log',
        repo: 'acme/api',
        runId: 9001,
        jobId: 9002,
        jobName: 'build (20.x)',
        step: 'Run npm test',
        line: 88,
      },
      'workflow_job',
      { index: 1 },
    ),
  ];
  const newMasked = maskKey(k.replacement);
  const affected = [
    { keyId: 'key_2Bq7', apiId: 'api_7Hd1', reasons: ['created by the leaked key'] },
    { keyId: 'key_9Xw3', apiId: 'api_7Hd1', reasons: ['updated by the leaked key', 'permissions changed'] },
    { keyId: 'key_4Lm8', reasons: ['created in the exposure window'] },
  ];
  const list = affected.map((a) => `${a.keyId}${a.apiId ? ` (${a.apiId})` : ''}: ${a.reasons.join('; ')}`);
  const run = runOf(
    masked,
    [
      {
        step: 'verify',
        outcome: 'done',
        ms: 140,
        summary: `${masked} is live: Unkey accepts it.`,
        detail: { liveness: 'live' },
      },
      {
        step: 'identify',
        outcome: 'done',
        ms: 210,
        summary:
          'Root key key_3hT9sQ ("deploy-bot") (inventory entry "deploy-bot"); 2 deploy target(s) from the inventory.',
        detail: {
          path: 'automatic',
          keyId: 'key_3hT9sQ',
          name: 'deploy-bot',
          createdAt: T0 - 86_400_000,
          permissions: ['api.*.create_key', 'api.*.read_key'],
          inventoryName: 'deploy-bot',
          deploy: DEPLOY,
          deploySource: 'inventory',
          candidates: 1,
        },
      },
      {
        step: 'gate',
        outcome: 'done',
        ms: 2,
        summary: 'Policy "auto": containment starts at once.',
        detail: { mode: 'auto', proceed: true },
      },
      {
        step: 'contain',
        outcome: 'done',
        ms: 380,
        summary: `Rerolled key_3hT9sQ: the leaked key is revoked and key_8Vr2nP (${newMasked}) replaces it with the same permissions.`,
        detail: {
          path: 'automatic',
          rerollRequestedAt: T0 + 2_420,
          originalKeyId: 'key_3hT9sQ',
          newKeyId: 'key_8Vr2nP',
          newFingerprint: 'q2cF5m0hQ5o1v6mKQG3Z0WcNw7nq5b8yV3a9kq7xYk0=',
          newMasked,
          sealed: DEPLOY.map((target) => ({ target, keyId: 'pk_1', ciphertext: 'c2VhbGVk' })),
        },
      },
      {
        step: 'distribute',
        outcome: 'done',
        ms: 260,
        summary:
          'Set repository secret UNKEY_ROOT_KEY in acme/api, environment secret UNKEY_ROOT_KEY (production) in acme/api to the new key.',
        detail: {
          set: ['repo:acme/api:UNKEY_ROOT_KEY', 'environment:acme/api:production:UNKEY_ROOT_KEY'],
          manualTargets: 0,
        },
      },
      {
        step: 'confirm',
        outcome: 'done',
        ms: 120,
        summary: 'Revocation confirmed: Unkey rejects the key (probe 1). Time to contain: 1234 ms.',
        detail: { confirmedAt: at(3_234), timeToContainMs: 1_234 },
      },
      {
        step: 'audit',
        outcome: 'done',
        ms: 530,
        summary: 'Audit log of key_3hT9sQ: 7 event(s); 3 API key(s) affected.',
        detail: {
          method: 'audit-log',
          window: { start: at(-86_400_000), end: at(3_234) },
          events: { 'key.create': 2, 'key.update': 5 },
          affected,
        },
      },
      {
        step: 'flag',
        outcome: 'done',
        ms: 310,
        summary: 'Tagged 3 affected API key(s) for review (meta.rootguard).',
        instruction: `Review these API keys and reroll any you cannot vouch for:\n${list.join('\n')}`,
        detail: { handled: affected.map((a) => a.keyId), affected: list },
      },
      { step: 'purge', outcome: 'done', ms: 450, summary: 'Deleted the logs of 1 run(s) that held the key.' },
      {
        step: 'report',
        outcome: 'done',
        ms: 15,
        summary: 'Handed to the reporters (2 occurrence(s)).',
        detail: { revision: 2 },
      },
    ],
    'contained',
  );
  const incident = incidentOf(k.automatic, 'contained', occurrences, {
    revokedAt: at(2_293),
    timeToRevokeMs: 293,
    deployedAt: at(3_010),
    timeToDeployedMs: 1_010,
    containedAt: at(3_234),
    timeToContainMs: 1_234,
  });
  return report(incident, occurrences, run, 'auto', {
    issue: { repo: 'acme/api', number: 17, url: `${GITHUB_URL}/acme/api/issues/17` },
    deliveries: [
      { reporter: 'issue', status: 'sent', at: at(5_000) },
      { reporter: 'slack', status: 'sent', at: at(5_100) },
    ],
  });
}

/** Assisted path (no root key API): needs a human to rotate and deliver; Slack failed. */
export function assistedReport(k: FixtureKeys): IncidentReport {
  const { masked, id } = k.assisted;
  const commit = hex(new KeyGenerator(12));
  const occurrences = [
    occurrenceAt(
      { kind: 'commit', repo: 'acme/web', commit, path: '.env.production', line: 3, column: 16 },
      'push',
      {
        repoPublic: true,
      },
    ),
  ];
  const reason = 'This Unkey server has no root key API (rootKeys.listKeys answers 404).';
  const run = runOf(
    masked,
    [
      {
        step: 'verify',
        outcome: 'done',
        ms: 150,
        summary: `${masked} is live: Unkey accepts it.`,
        detail: { liveness: 'live' },
      },
      {
        step: 'identify',
        outcome: 'done',
        ms: 90,
        summary: `${reason} Containment is assisted; deployed as secret UNKEY_ROOT_KEY in acme/web.`,
        detail: {
          path: 'assisted',
          assistedReason: reason,
          deploy: [{ scope: 'repo', repo: 'acme/web', name: 'UNKEY_ROOT_KEY' }],
          deploySource: 'default-secret',
        },
      },
      {
        step: 'gate',
        outcome: 'done',
        ms: 1,
        summary: 'Policy "auto": containment starts at once.',
        detail: { mode: 'auto', proceed: true },
      },
      {
        step: 'contain',
        outcome: 'manual',
        ms: 40,
        summary: `${reason} The key cannot be read again to watch it, so a human must confirm the revocation.`,
        instruction: rotateByHand({ masked, incidentId: id, name: null }),
        detail: { path: 'assisted' },
      },
      {
        step: 'distribute',
        outcome: 'manual',
        ms: 3,
        summary: 'No replacement key has reached rootguard yet.',
        instruction: `Once the key is rotated, pipe the new key into \`rootguard deliver --incident ${id}\`: it seals it for repository secret UNKEY_ROOT_KEY in acme/web and sets them.`,
      },
      {
        step: 'confirm',
        outcome: 'skipped',
        ms: 2,
        summary: 'The key was not revoked by rootguard or a human yet: nothing to confirm.',
      },
      {
        step: 'audit',
        outcome: 'done',
        ms: 260,
        summary:
          'No audit log for the key (key id unknown); listed the keys of 1 configured API(s); 0 API key(s) affected.',
        detail: { method: 'key-listing', window: { start: at(-3_600_000), end: at(2_600) }, affected: [] },
      },
      { step: 'flag', outcome: 'done', ms: 1, summary: 'No API key was affected.', detail: { handled: [] } },
      { step: 'purge', outcome: 'skipped', ms: 1, summary: 'No Actions log held the key.' },
      {
        step: 'report',
        outcome: 'done',
        ms: 12,
        summary: 'Handed to the reporters (1 occurrence(s)).',
        detail: { revision: 1 },
      },
    ],
    'needs-human',
  );
  const incident = incidentOf(k.assisted, 'needs-human', occurrences);
  const deliveries: ReporterDelivery<ReporterName>[] = [
    { reporter: 'issue', status: 'sent', at: at(4_000) },
    {
      reporter: 'slack',
      status: 'failed',
      at: at(4_100),
      error: 'Slack answered 404 (no_service): the webhook URL is wrong or was revoked.',
    },
  ];
  return report(incident, occurrences, run, 'auto', {
    issue: { repo: 'acme/security', number: 3, url: `${GITHUB_URL}/acme/security/issues/3` },
    deliveries,
  });
}

/** Policy `dry-run`: read and reported, nothing changed. */
export function dryRunReport(k: FixtureKeys): IncidentReport {
  const { masked } = k.dryRun;
  const commit = hex(new KeyGenerator(13));
  const occurrences = [
    occurrenceAt(
      { kind: 'commit', repo: 'acme/tools', commit, path: 'scripts/seed.ts', line: 40, column: 9 },
      'push',
    ),
  ];
  const run = runOf(
    masked,
    [
      {
        step: 'verify',
        outcome: 'done',
        ms: 130,
        summary: `${masked} is live: Unkey accepts it.`,
        detail: { liveness: 'live' },
      },
      {
        step: 'identify',
        outcome: 'done',
        ms: 180,
        summary:
          'Root key key_5Qp1 ("seed-script") (no inventory entry); deployed as secret UNKEY_ROOT_KEY in acme/tools.',
        detail: {
          path: 'automatic',
          keyId: 'key_5Qp1',
          name: 'seed-script',
          deploy: [{ scope: 'repo', repo: 'acme/tools', name: 'UNKEY_ROOT_KEY' }],
          deploySource: 'default-secret',
          candidates: 1,
        },
      },
      {
        step: 'gate',
        outcome: 'done',
        ms: 1,
        summary: 'Policy "dry-run": rootguard reads and reports, and writes nothing.',
        detail: { mode: 'dry-run', proceed: false },
      },
      {
        step: 'contain',
        outcome: 'skipped',
        ms: 1,
        summary:
          'Dry run: would reroll key_5Qp1 with expiration 0 (revoking the leaked key at once) and seal the replacement for 1 deploy target(s).',
        detail: { dryRun: true },
      },
      {
        step: 'distribute',
        outcome: 'skipped',
        ms: 1,
        summary: 'Dry run: would set repository secret UNKEY_ROOT_KEY in acme/tools.',
        detail: { dryRun: true },
      },
      {
        step: 'confirm',
        outcome: 'skipped',
        ms: 1,
        summary: 'Dry run: the key was not revoked, so there is nothing to confirm.',
      },
      {
        step: 'audit',
        outcome: 'done',
        ms: 300,
        summary: 'Audit log of key_5Qp1: 2 event(s); 1 API key(s) affected.',
        detail: {
          method: 'audit-log',
          window: { start: at(-3_600_000), end: at(2_700) },
          events: { 'key.create': 2 },
          affected: [{ keyId: 'key_6Tn2', apiId: 'api_1Ab2', reasons: ['created by the leaked key'] }],
        },
      },
      {
        step: 'flag',
        outcome: 'skipped',
        ms: 1,
        summary: 'Dry run: would tag 1 API key(s).',
        detail: { dryRun: true, affected: ['key_6Tn2 (api_1Ab2): created by the leaked key'] },
      },
      { step: 'purge', outcome: 'skipped', ms: 1, summary: 'No Actions log held the key.' },
      {
        step: 'report',
        outcome: 'done',
        ms: 10,
        summary: 'Handed to the reporters (1 occurrence(s)).',
        detail: { revision: 1 },
      },
    ],
    'dry-run',
  );
  return report(incidentOf(k.dryRun, 'dry-run', occurrences), occurrences, run, 'dry-run', {
    issue: { repo: 'acme/tools', number: 5, url: `${GITHUB_URL}/acme/tools/issues/5` },
  });
}

/** Policy `approve`, awaiting approval at the gate, in pull request #7 of acme/app. */
export function awaitingApprovalReport(k: FixtureKeys): IncidentReport {
  const { masked, id } = k.awaiting;
  const commit = hex(new KeyGenerator(14));
  const occurrences = [
    occurrenceAt(
      { kind: 'commit', repo: 'acme/app', commit, path: 'src/unkey.ts', line: 5, column: 20, pullRequest: 7 },
      'pull_request',
    ),
  ];
  const deadline = at(2_400 + 1_800_000);
  const run = runOf(masked, [
    {
      step: 'verify',
      outcome: 'done',
      ms: 140,
      summary: `${masked} is live: Unkey accepts it.`,
      detail: { liveness: 'live' },
    },
    {
      step: 'identify',
      outcome: 'done',
      ms: 200,
      summary:
        'Root key key_7Zk4 ("ci-admin") (no inventory entry); deployed as secret UNKEY_ROOT_KEY in acme/app.',
      detail: {
        path: 'automatic',
        keyId: 'key_7Zk4',
        name: 'ci-admin',
        deploy: [{ scope: 'repo', repo: 'acme/app', name: 'UNKEY_ROOT_KEY' }],
        deploySource: 'default-secret',
        candidates: 1,
      },
    },
    {
      step: 'gate',
      ms: 0,
      summary: 'waiting for an approval',
      waitingFor: 'an approval',
      instruction: `Approve containment of ${masked} (incident ${id}) before ${deadline}; the key stays live until then.`,
    },
  ]);
  return report(incidentOf(k.awaiting, 'awaiting-approval', occurrences), occurrences, run, 'approve', {
    issue: { repo: 'acme/app', number: 12, url: `${GITHUB_URL}/acme/app/issues/12` },
    deliveries: [{ reporter: 'issue', status: 'sent', at: at(3_000) }],
  });
}

/** Closed as a false positive while it awaited approval. */
export function falsePositiveReport(k: FixtureKeys): IncidentReport {
  const base = awaitingApprovalReport({ ...k, awaiting: k.falsePositive });
  const timeline: TimelineEvent[] = [
    ...base.timeline,
    {
      at: at(120_000),
      run: 1,
      event: 'false-positive',
      text: 'Closed as a false positive by octo-dev: it is a test fixture.',
    },
  ];
  return {
    ...base,
    incident: { ...base.incident, status: 'false-positive' },
    timeline,
  };
}

/** The four incidents of issue 5's snapshot tests, and one awaiting approval. */
export function allReports(k: FixtureKeys): Record<string, IncidentReport> {
  return {
    automatic: automaticReport(k),
    assisted: assistedReport(k),
    'dry-run': dryRunReport(k),
    'false-positive': falsePositiveReport(k),
    'awaiting-approval': awaitingApprovalReport(k),
  };
}
