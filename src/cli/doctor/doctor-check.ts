/** How one check came out: `warn` is allowed (exit 0), `fail` is not (exit 2). */
export type CheckState = 'pass' | 'warn' | 'fail';

/** One line of `rootguard doctor`'s table. Nothing in it is ever a secret. */
export interface DoctorCheck {
  /** What was checked, e.g. `redis: persistence`. */
  readonly name: string;
  readonly state: CheckState;
  /** What was found, in one sentence. */
  readonly detail: string;
  /** What to do about a `warn` or `fail`. */
  readonly fix?: string;
}

/** A passing check. */
export function pass(name: string, detail: string): DoctorCheck {
  return { name, state: 'pass', detail };
}

/** A check that does not stop rootguard but deserves a look. */
export function warn(name: string, detail: string, fix: string): DoctorCheck {
  return { name, state: 'warn', detail, fix };
}

/** A check that rootguard cannot do its work without. */
export function fail(name: string, detail: string, fix: string): DoctorCheck {
  return { name, state: 'fail', detail, fix };
}

/** The exit status of a run: 0 when nothing failed (warnings allowed), 2 otherwise. */
export function doctorExitCode(checks: readonly DoctorCheck[]): 0 | 2 {
  return checks.some((check) => check.state === 'fail') ? 2 : 0;
}

/** An error's message, for a detail line (callers pass errors whose messages hold no secret). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 300);
}
