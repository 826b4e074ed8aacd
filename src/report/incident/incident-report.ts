import type { PolicyMode } from '../../config/operator-config.js';
import type { Incident } from '../../incidents/incident.js';
import type { Occurrence } from '../../incidents/occurrence.js';
import type { IssueRef, ReporterDelivery } from '../../incidents/report-store.js';
import type { RunState } from '../../incidents/run-store.js';
import type { TimelineEvent } from '../../incidents/step-record.js';
import type { StepName } from '../../playbook/step-names.js';
import type { ReporterName } from './reporter-names.js';

/**
 * Everything a report of an incident is rendered from: the incident record as the playbook left
 * it and what the reporters sent so far. Holds masks, ids, fingerprints and ciphertexts only.
 * The renderers (`render-incident-*.ts`, `render-pull-request-comment.ts`, `render-slack-*.ts`)
 * are pure functions of it.
 */
export interface IncidentReport {
  readonly incident: Incident;
  /** Earliest exposure first. */
  readonly occurrences: readonly Occurrence[];
  /** The current playbook run with its step records; absent before the first run starts. */
  readonly run?: RunState<StepName>;
  /** Over all runs, oldest first. */
  readonly timeline: readonly TimelineEvent[];
  /** The policy that applies to the incident's first occurrence's repository. */
  readonly policyMode: PolicyMode;
  /** The incident issue, once opened. */
  readonly issue?: IssueRef;
  /** The last delivery of each reporter: a `failed` one is named in the other reports. */
  readonly deliveries: readonly ReporterDelivery<ReporterName>[];
  /** GitHub's web base (`https://github.com`, a GHES host, or the emulator's): for links to lines. */
  readonly githubUrl: string;
  /** When the report was rendered, ISO 8601 (an "updated" line; snapshot tests fix it). */
  readonly renderedAt: string;
}
