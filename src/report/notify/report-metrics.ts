/**
 * What the notify worker counts (the runtime passes `src/observe`'s metrics): each failed report
 * attempt, by reporter, with the error as the reporter saw it (name, code, status), and whether
 * it was the last (the reporter is then recorded as failed) or will be retried.
 */
export interface ReportMetrics {
  reportFailed(reporter: string, error: unknown, final: boolean): void;
}
