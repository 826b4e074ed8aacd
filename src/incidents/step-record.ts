/**
 * How a step ended. `done`: it did its work. `skipped`: nothing to do (with why; a dry run
 * records what it would have done). `manual`: a human must act (with the exact instruction).
 * `failed`: it gave up after its retries (with the cleaned error).
 */
export type StepOutcome = 'done' | 'skipped' | 'manual' | 'failed';

/** JSON that a step records: ids, names, counts, masks and ciphertext; never a key. */
export type StepDetail = { readonly [key: string]: unknown };

/**
 * One step of one playbook run, as recorded in the incident. `Name`: the step names, which the
 * playbook owns (`src/playbook/step-names.ts`); this folder stores records under any name it is
 * given.
 */
export interface StepRecord<Name extends string = string> {
  readonly step: Name;
  /** Absent while the step runs or waits. */
  readonly outcome?: StepOutcome;
  /** One sentence for the humans: what was done or why not. */
  readonly summary: string;
  /** What a human must do, for `manual` (and for `failed` when a human can finish it). */
  readonly instruction?: string;
  /** Structured facts for later steps and for the reports (the playbook's `step-details.ts` checks them). */
  readonly detail?: StepDetail;
  /** ISO 8601: when the step first started (kept across retries, crashes and waits). */
  readonly startedAt: string;
  /** ISO 8601, with the outcome. */
  readonly finishedAt?: string;
  /** From `startedAt` to `finishedAt`. */
  readonly durationMs?: number;
  /** Set while the step waits (for an approval, a human, a rate limit): until when, and why. */
  readonly waitingUntil?: string;
  readonly waitingFor?: string;
  /**
   * Set once this wait's report was handed to the reporters: a worker that stopped between
   * recording the wait and handing it over leaves it unset, and the retry hands it over.
   */
  readonly waitReported?: boolean;
}

/** One line of an incident's timeline. */
export interface TimelineEvent<Name extends string = string> {
  /** ISO 8601. */
  readonly at: string;
  readonly run: number;
  readonly step?: Name;
  /** What happened, e.g. `step-finished`, `run-started`, `approved`, `escalated`. */
  readonly event: string;
  readonly text: string;
}
