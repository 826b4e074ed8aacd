/**
 * Thrown by a reporter that must not send now (a rate limit in force for its installation, or
 * another job reporting the same thing): the worker parks the job until `until` (ms since the
 * epoch) without spending an attempt.
 */
export class NotifyWait extends Error {
  override readonly name = 'NotifyWait';

  constructor(
    readonly until: number,
    readonly reason: string,
  ) {
    super(`waiting: ${reason}`);
  }
}

/** A delivery that will fail the same way however often it is tried (a 404, a missing setting). */
export class ReportRefused extends Error {
  override readonly name = 'ReportRefused';
}
