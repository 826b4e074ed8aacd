import type { RuleId } from '../detect/finding.js';

/**
 * Where an incident stands. `open`: found, the playbook has not finished a run. `awaiting-approval`:
 * the policy holds containment for a human. `contained`: the key is confirmed dead.
 * `needs-human`: the run ended with something only a human can finish. `dry-run`: a dry run
 * reported what it would have done. `false-positive`: a human closed it as not a key.
 */
export type IncidentStatus =
  'open' | 'awaiting-approval' | 'contained' | 'needs-human' | 'dry-run' | 'false-positive';

/**
 * The statuses of a finished incident, which retention may archive and remove: the key is dead
 * (`contained`) or was never a key (`false-positive`, closed by a human). Every other status still
 * needs the bot or a human, and is kept however old.
 */
export const FINISHED_STATUSES: readonly IncidentStatus[] = ['contained', 'false-positive'];

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
  /** When the first webhook that found the key reached rootguard, ISO 8601 (when known). */
  readonly firstReceivedAt?: string;
  readonly occurrenceCount: number;
  /** Some occurrence is in a public repository: anyone could read the key. */
  readonly anyPublic: boolean;
  /**
   * Bumped by every new occurrence, so a running playbook can tell that occurrences arrived
   * since it last read the incident.
   */
  readonly revision: number;
  /** The current playbook run (1 for the first); 0 before any run started. */
  readonly run: number;
  /**
   * When the key stopped working, ISO 8601: Unkey answered the reroll, or (assisted path) a
   * human's revocation was first observed, or the expiry Unkey reports if that is earlier.
   */
  readonly revokedAt?: string;
  /** `firstReceivedAt` → `revokedAt`, in ms. */
  readonly timeToRevokeMs?: number;
  /** When every deploy target held the replacement (`distribute` done, or `deliver`), ISO 8601. */
  readonly deployedAt?: string;
  /** `firstReceivedAt` → `deployedAt`, in ms. */
  readonly timeToDeployedMs?: number;
  /** When a probe (or Unkey's root key list) first showed the key dead, ISO 8601. */
  readonly containedAt?: string;
  /** `firstReceivedAt` → `containedAt` (revocation confirmed), in ms. */
  readonly timeToContainMs?: number;
  /** Who approved containment (under `approve` policy), and when (ISO 8601). */
  readonly approvedBy?: string;
  readonly approvedAt?: string;
  /** Who closed it as a false positive (`/rootguard false-positive`), and when (ISO 8601). */
  readonly falsePositiveBy?: string;
  readonly falsePositiveAt?: string;
}

/** One playbook run: what it started from, and where it ended. */
export interface PlaybookRun {
  readonly run: number;
  /** ISO 8601. */
  readonly startedAt: string;
  /** The incident's `revision` when the run started. */
  readonly revision: number;
  /** The `revision` the report step reported (later occurrences make a follow-up run). */
  readonly reportedRevision?: number;
  readonly finishedAt?: string;
}
