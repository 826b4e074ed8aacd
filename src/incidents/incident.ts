import type { RuleId } from '../detect/finding.js';

/** Where an incident stands. Only `open` exists until the playbook (next issue) moves it on. */
export type IncidentStatus = 'open';

/**
 * One leaked key, however many places it appears. Holds the fingerprint and mask, never the key.
 * Stored in Redis without expiry.
 */
export interface Incident {
  /** `incidentIdFor(fingerprint)`: stable, and the playbook job's id. */
  readonly id: string;
  /** `base64(sha256(key))`, what Unkey stores for the key. */
  readonly fingerprint: string;
  readonly ruleId: RuleId;
  /** The key masked (`unkey_3Z…` + last 4). */
  readonly masked: string;
  readonly status: IncidentStatus;
  /** ISO 8601. */
  readonly createdAt: string;
  /** When the last occurrence was added, ISO 8601. */
  readonly updatedAt: string;
  /** The earliest `exposedAt` of its occurrences: how long the key may have been readable. */
  readonly firstExposedAt: string;
  readonly occurrenceCount: number;
  /** Some occurrence is in a public repository: anyone could read the key. */
  readonly anyPublic: boolean;
  /**
   * Bumped by every new occurrence, so a running playbook can tell that occurrences arrived
   * since it last read the incident.
   */
  readonly revision: number;
}
