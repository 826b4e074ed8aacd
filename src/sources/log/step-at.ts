/** A job's step as the jobs API describes it (the fields read here). */
export interface JobStep {
  readonly name: string;
  readonly started_at?: string | null;
  readonly completed_at?: string | null;
}

/** The API gives step times to the second; a line's time has sub-second digits. */
const STEP_TIME_SLACK_MS = 1000;

/**
 * The step that was running at `ms`: among the steps whose `started_at`..`completed_at` (to the
 * second) holds the time, the one that started last (steps that end and start in the same second
 * share it). `undefined` when no step's times hold it, or the steps have no times.
 */
export function stepAt(steps: readonly JobStep[], ms: number): string | undefined {
  let best: { name: string; start: number } | undefined;
  for (const step of steps) {
    const start = Date.parse(step.started_at ?? '');
    const end = Date.parse(step.completed_at ?? '');
    if (Number.isNaN(start) || start > ms) continue;
    if (!Number.isNaN(end) && ms >= end + STEP_TIME_SLACK_MS) continue;
    if (best === undefined || start >= best.start) best = { name: step.name, start };
  }
  return best?.name;
}
