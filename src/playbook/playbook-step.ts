import type { StepDetail, StepName, StepOutcome } from '../incidents/step-record.js';
import type { StepContext } from './step-context.js';

/** What a step returns: its outcome, recorded in the incident before the next step runs. */
export interface StepResult {
  readonly outcome: StepOutcome;
  /** One sentence for the humans. */
  readonly summary: string;
  /** For `manual`: exactly what a human must do. */
  readonly instruction?: string;
  readonly detail?: StepDetail;
}

/**
 * One step of the leak playbook. `run` reads what earlier steps recorded (`ctx.steps`), acts and
 * returns its outcome. It may be run again after a crash or a retry: anything it must not repeat
 * it records first with `ctx.checkpoint` and reads back from `ctx.progress`.
 */
export interface PlaybookStep {
  readonly name: StepName;
  run(ctx: StepContext): Promise<StepResult>;
  /**
   * Starts the step's reads early (through `ctx.once`), at the start of a pass, while earlier
   * steps run; the step awaits them in `run`. Nothing here writes or records anything.
   */
  prefetch?(ctx: StepContext): void;
}
