/** Stable codes of playbook errors. */
export type PlaybookErrorCode = 'no-incident' | 'bad-state';

/**
 * A step ran past its deadline (a call that never answers, a loop): the job gives its worker slot
 * back and is retried like any transient failure; on its last attempt the step is recorded as
 * `failed`. The step's own promise cannot be cancelled: its later checkpoints are refused.
 */
export class StepDeadlineError extends Error {
  override readonly name = 'StepDeadlineError';
  readonly code = 'step-deadline';

  constructor(step: string, deadlineMs: number) {
    super(`the ${step} step did not finish within ${deadlineMs} ms`);
  }
}

/** The playbook cannot run at all (no such incident, an unreadable record). Not retried. */
export class PlaybookError extends Error {
  override readonly name = 'PlaybookError';
  readonly code: PlaybookErrorCode;

  constructor(code: PlaybookErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Thrown by a step that must wait (an approval, a human revoking the key, a rate limit) without
 * spending an attempt: the worker parks the job until `until` (ms since the epoch) and the step
 * runs again then, or earlier when something wakes it (an approval promotes the job).
 */
export class WaitRequest extends Error {
  override readonly name = 'WaitRequest';
  readonly until: number;
  readonly waitingFor: string;
  /** Shown to humans while waiting (e.g. the dashboard instruction of the assisted path). */
  readonly instruction: string | undefined;

  constructor(until: number, waitingFor: string, instruction?: string) {
    super(`waiting for ${waitingFor}`);
    this.until = until;
    this.waitingFor = waitingFor;
    this.instruction = instruction;
  }
}
