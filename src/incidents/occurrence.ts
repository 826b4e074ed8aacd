import type { RuleId } from '../detect/finding.js';
import type { OccurrenceLocation } from '../sources/occurrences/occurrence-location.js';

/** How an occurrence was found. */
export type FoundBy =
  | 'push'
  | 'pull_request'
  | 'workflow_job'
  | 'workflow_run'
  | 'rescan'
  | 'secret_scanning_alert'
  | 'repository_history';

/** One place one leaked key was seen: an incident has one or more. */
export interface Occurrence {
  /** Stable id of the place (same place seen twice is one occurrence). */
  readonly id: string;
  readonly ruleId: RuleId;
  readonly location: OccurrenceLocation;
  /** When the key became visible there (commit time, log line time, alert time), ISO 8601. */
  readonly exposedAt: string;
  /** When rootguard recorded it, ISO 8601. */
  readonly recordedAt: string;
  readonly foundBy: FoundBy;
  /** The repository was public when the key was found: anyone could read it. */
  readonly repoPublic: boolean;
  /** The decoders that uncovered the key, outermost first, when it was encoded. */
  readonly decodedFrom?: readonly string[];
  /** The GitHub delivery that led to the scan, for tracing. */
  readonly deliveryId?: string;
  /** When that delivery reached rootguard, ISO 8601: where time-to-contain starts. */
  readonly receivedAt?: string;
}
