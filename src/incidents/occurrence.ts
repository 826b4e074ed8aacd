import type { RuleId } from '../detect/finding.js';

/** A name of a place (rather than a line's text) that can hold a key. */
export type PlaceName = 'path' | 'author' | 'jobName' | 'step' | 'archiveEntry';

/** A line in a file as a commit added it (push, pull request, or history). */
export interface CommitLocation {
  readonly kind: 'commit';
  /** `owner/name`. */
  readonly repo: string;
  readonly commit: string;
  /** Path in the commit's tree. */
  readonly path: string;
  /** 1-based line in the file as of that commit. */
  readonly line: number;
  /** 1-based column (code points). */
  readonly column: number;
  /** `name <email>` of the commit's author, when known. */
  readonly author?: string;
  /** The pull request the commit was scanned for, when it was. */
  readonly pullRequest?: number;
  /** The key was in the file's path, not in a line (`line` and `column` are then 1). */
  readonly keyIn?: 'path';
  /** Names stored with a key masked (the path then no longer opens the file on GitHub). */
  readonly maskedNames?: readonly PlaceName[];
}

/** A line of a GitHub Actions job's log. */
export interface JobLogLocation {
  readonly kind: 'job-log';
  readonly repo: string;
  readonly runId: number;
  readonly jobId: number;
  readonly jobName: string;
  /** The step whose output held the line (from the log's `##[group]` markers), when known. */
  readonly step?: string;
  /** 1-based line in the job's log as GitHub serves it. */
  readonly line: number;
  /** Name of the file in the run's log archive, when the line came from the archive. */
  readonly archiveEntry?: string;
  /** The key was in the job's or a step's name, not in a log line (`line` is then 1). */
  readonly keyIn?: 'jobName' | 'step';
  /** Names stored with a key masked. */
  readonly maskedNames?: readonly PlaceName[];
}

/** GitHub's own secret scanning (partner program) alert for the key. */
export interface AlertLocation {
  readonly kind: 'secret-scanning-alert';
  readonly repo: string;
  readonly alertNumber: number;
  /** The alert's page on GitHub. */
  readonly url?: string;
}

/** Where a leaked key was seen. Holds no key material. */
export type OccurrenceLocation = CommitLocation | JobLogLocation | AlertLocation;

/** How an occurrence was found. */
export type FoundBy =
  'push' | 'pull_request' | 'workflow_job' | 'workflow_run' | 'rescan' | 'secret_scanning_alert';

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
