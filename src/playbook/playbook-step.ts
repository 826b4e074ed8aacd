import type { StepOutcome } from '../incidents/step-record.js';
import type { StepContext } from './step-context.js';
import type { StepDetailOf } from './step-details.js';
import type { StepName } from './step-names.js';

/** What step `N` returns: its outcome, recorded in the incident before the next step runs. */
export interface StepResult<N extends StepName = StepName> {
  readonly outcome: StepOutcome;
  /** One sentence for the humans. */
  readonly summary: string;
  /** For `manual`: exactly what a human must do. */
  readonly instruction?: string;
  /** What the step records, of the shape its schema (`STEP_DETAIL_SCHEMAS[N]`) checks. */
  readonly detail?: StepDetailOf<N>;
}

/**
 * One step of the leak playbook. `run` reads what earlier steps recorded (`ctx.steps`), acts and
 * returns its outcome. It may be run again after a crash or a retry: anything it must not repeat
 * it records first with `ctx.checkpoint` and reads back from `ctx.progress`. Each step file
 * checks itself with `satisfies PlaybookStep<'its-name'>`, so what it records is typed.
 */
export interface PlaybookStep<N extends StepName = StepName> {
  readonly name: N;
  run(ctx: StepContext<N>): Promise<StepResult<N>>;
  /**
   * Starts the step's reads early (through `ctx.once`), at the start of a pass, while earlier
   * steps run; the step awaits them in `run`. Nothing here writes or records anything.
   */
  prefetch?(ctx: StepContext): void;
}
