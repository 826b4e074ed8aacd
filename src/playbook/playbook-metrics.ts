/**
 * What the playbook counts (the runtime passes `src/observe`'s metrics): each step outcome it
 * records, and each incident clock when it is set (once per incident).
 */
export interface PlaybookMetrics {
  stepFinished(step: string, outcome: string): void;
  /** `clock`: `revoked`, `deployed` or `contained` (`IncidentClock`). */
  clockRecorded(clock: string, ms: number): void;
}
