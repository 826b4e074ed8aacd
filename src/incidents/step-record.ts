/** The playbook's steps, in the order they run. */
export const STEP_NAMES = [
  'verify',
  'identify',
  'gate',
  'contain',
  'distribute',
  'confirm',
  'audit',
  'flag',
  'purge',
  'report',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/**
 * How a step ended. `done`: it did its work. `skipped`: nothing to do (with why; a dry run
 * records what it would have done). `manual`: a human must act (with the exact instruction).
 * `failed`: it gave up after its retries (with the cleaned error).
 */
export type StepOutcome = 'done' | 'skipped' | 'manual' | 'failed';

/** JSON that a step records: ids, names, counts, masks and ciphertext; never a key. */
export type StepDetail = { readonly [key: string]: unknown };

/** One step of one playbook run, as recorded in the incident. */
export interface StepRecord {
  readonly step: StepName;
  /** Absent while the step runs or waits. */
  readonly outcome?: StepOutcome;
  /** One sentence for the humans: what was done or why not. */
  readonly summary: string;
  /** What a human must do, for `manual` (and for `failed` when a human can finish it). */
  readonly instruction?: string;
  /** Structured facts for later steps and for the reports. */
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
}

/** One line of an incident's timeline. */
export interface TimelineEvent {
  /** ISO 8601. */
  readonly at: string;
  readonly run: number;
  readonly step?: StepName;
  /** What happened, e.g. `step-finished`, `run-started`, `approved`, `escalated`. */
  readonly event: string;
  readonly text: string;
}
