// The notify queue's request: what the playbook, the scan and the commands hand to the reporters
// (through a function they are given). The reporters (`src/report/notify/`) own the jobs' schema,
// their names and ids, and which reporter each request concerns.

/**
 * What changed and asks for a report. Absent: the playbook's `report` step (a run ended).
 * `opened`: a run started. `waiting`: a step waits for a human. `scanned`: a scan finished its
 * check run. `approved`, `false-positive`, `retry`: a command. `delivered`: `rootguard deliver`.
 * `issue-opened`: the incident issue exists (the others link to it). `reporter-failed`,
 * `reporter-recovered`: another reporter's delivery changed.
 */
export type NotifyTrigger =
  | 'opened'
  | 'waiting'
  | 'scanned'
  | 'approved'
  | 'false-positive'
  | 'retry'
  | 'delivered'
  | 'issue-opened'
  | 'reporter-failed'
  | 'reporter-recovered';

/** A request to report an incident's current state. */
export interface NotifyRequest {
  readonly incidentId: string;
  /** The playbook run being reported. */
  readonly run: number;
  /** The incident's `revision` the report covers. */
  readonly revision: number;
  readonly trigger?: NotifyTrigger;
}

/**
 * One job on the `notify` queue: one reporter reports one state of one incident. `Reporter`: the
 * reporter names, which `src/report/incident/reporter-names.ts` owns.
 */
export interface NotifyJob<Reporter extends string = string> extends NotifyRequest {
  readonly reporter: Reporter;
}

/** Every `NotifyTrigger`, for the job schema. */
export const NOTIFY_TRIGGERS = [
  'opened',
  'waiting',
  'scanned',
  'approved',
  'false-positive',
  'retry',
  'delivered',
  'issue-opened',
  'reporter-failed',
  'reporter-recovered',
] as const satisfies readonly NotifyTrigger[];
