import type { ResolvedPolicy } from '../config/operator-config.js';
import type { Secret } from '../detect/secret.js';
import type { Incident, PlaybookRun } from '../incidents/incident.js';
import type { Occurrence } from '../incidents/occurrence.js';
import type { StepDetail, StepName, StepRecord } from '../incidents/step-record.js';
import type { PassMemo } from './pass-memo.js';
import type { PlaybookDependencies } from './playbook-dependencies.js';

/** What a step sees: the incident as recorded, the policy, and what earlier steps recorded. */
export interface StepContext {
  readonly deps: PlaybookDependencies;
  readonly incident: Incident;
  /** Earliest exposure first. */
  readonly occurrences: readonly Occurrence[];
  /** The policy of the repository where the key first leaked. */
  readonly policy: ResolvedPolicy;
  readonly run: PlaybookRun;
  /** The records of this run's steps so far (earlier steps have outcomes). */
  readonly steps: ReadonlyMap<StepName, StepRecord>;
  /** When this step first started (kept across retries and waits): deadlines count from it. */
  readonly startedAt: Date;
  /** What this step checkpointed before a crash or retry; empty on its first try. */
  readonly progress: StepDetail;
  /** Records progress the step must not lose (e.g. "a reroll was asked for at T") before acting. */
  checkpoint(detail: StepDetail): Promise<void>;
  /** Re-reads the leaked key (once per pass of the job); undefined when no occurrence still holds it. */
  leakedKey(): Promise<Secret | undefined>;
  /** Reads shared by the steps of this pass (a prefetch started early, awaited by a later step). */
  readonly once: PassMemo;
  /** This attempt is the job's last: a step may prefer to record `failed` over throwing. */
  readonly finalAttempt: boolean;
}
