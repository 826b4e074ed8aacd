import type { ResolvedPolicy } from '../config/operator-config.js';
import type { Secret } from '../detect/secret.js';
import type { Incident, PlaybookRun } from '../incidents/incident.js';
import type { Occurrence } from '../incidents/occurrence.js';
import type { StepRecord } from '../incidents/step-record.js';
import type { PassMemo } from './pass-memo.js';
import type { PlaybookDependencies } from './playbook-dependencies.js';
import type { StepDetailOf } from './step-details.js';
import type { StepName } from './step-names.js';

/** What step `N` sees: the incident as recorded, the policy, and what earlier steps recorded. */
export interface StepContext<N extends StepName = StepName> {
  readonly deps: PlaybookDependencies;
  readonly incident: Incident;
  /** Earliest exposure first. */
  readonly occurrences: readonly Occurrence[];
  /** The policy of the repository where the key first leaked. */
  readonly policy: ResolvedPolicy;
  readonly run: PlaybookRun;
  /** The records of this run's steps so far (earlier steps have outcomes). */
  readonly steps: ReadonlyMap<StepName, StepRecord<StepName>>;
  /** When this step first started (kept across retries and waits): deadlines count from it. */
  readonly startedAt: Date;
  /**
   * What this step checkpointed before a crash or retry, checked against its schema; empty on
   * its first try (and when the stored progress fails the check, see `readStepDetail`).
   */
  readonly progress: StepDetailOf<N>;
  /** Records progress the step must not lose (e.g. "a reroll was asked for at T") before acting. */
  checkpoint(detail: StepDetailOf<N>): Promise<void>;
  /** Re-reads the leaked key (once per pass of the job); undefined when no occurrence still holds it. */
  leakedKey(): Promise<Secret | undefined>;
  /** Reads shared by the steps of this pass (a prefetch started early, awaited by a later step). */
  readonly once: PassMemo;
  /** This attempt is the job's last: a step may prefer to record `failed` over throwing. */
  readonly finalAttempt: boolean;
}
