import type { RedisClient } from '../redis/redis-client.js';
import { IncidentError } from './errors.js';
import type { Incident, PlaybookRun } from './incident.js';
import { incidentFromHash } from './incident-from-hash.js';
import { incidentKeys } from './incident-keys.js';
import type { Occurrence } from './occurrence.js';
import { RUN_FIELD } from './run-store.js';
import type { StepRecord, TimelineEvent } from './step-record.js';

/** The `format` of every archive line: readers check it before they trust the shape. */
export const INCIDENT_ARCHIVE_FORMAT = 'rootguard-incident/1';

/** One playbook run as archived: the run and every step it recorded. */
export interface ArchivedRun {
  readonly run: PlaybookRun;
  readonly steps: readonly StepRecord[];
}

/**
 * One incident as a line of the JSON-lines archive (`rootguard incidents export`, the retention
 * job): everything stored about it, as stored (fingerprint and mask, never the key).
 */
export interface IncidentArchiveLine {
  readonly format: typeof INCIDENT_ARCHIVE_FORMAT;
  readonly incident: Incident;
  /** Earliest exposure first. */
  readonly occurrences: readonly Occurrence[];
  /** Oldest run first. */
  readonly runs: readonly ArchivedRun[];
  /** Oldest event first (the store keeps the last `MAX_TIMELINE_EVENTS`). */
  readonly timeline: readonly TimelineEvent[];
  /** What the reporters sent (`ReportStore`'s hash): JSON values parsed, hashes and times as text. */
  readonly reports: Readonly<Record<string, unknown>>;
}

/**
 * What removal checks is unchanged since the archive was read: an incident that changed after
 * (a new occurrence, a run, a timeline line, a report) is kept, since its archive line is stale.
 */
export interface ArchiveGuard {
  readonly revision: number;
  readonly run: number;
  readonly timelineLength: number;
  /** The last timeline line as stored ('' when none): the timeline is capped, its length may not move. */
  readonly lastTimelineLine: string;
  readonly reportFields: number;
}

/** An incident read for the archive, with what removing it must find unchanged. */
export interface IncidentSnapshot {
  readonly line: IncidentArchiveLine;
  readonly guard: ArchiveGuard;
  /** The report hash's fields that index other keys (`issue`, `check:…`), for removal. */
  readonly reportFieldNames: readonly string[];
}

/** Options of {@link readIncidentSnapshot}. */
export interface ReadSnapshotOptions {
  /** @defaultValue `rootguard` */
  readonly prefix?: string;
  /**
   * The playbook's step names in order (`STEP_NAMES`): a run's steps are listed in this order,
   * and any other recorded step after them by name. @defaultValue [] (all by name)
   */
  readonly steps?: readonly string[];
}

/** How often a read is retried when a run starts while it reads. */
const READ_ATTEMPTS = 5;

/**
 * Reads everything stored about one incident in one transaction (a consistent snapshot), or
 * undefined when there is no such incident.
 */
export async function readIncidentSnapshot(
  redis: RedisClient,
  incidentId: string,
  options: ReadSnapshotOptions = {},
): Promise<IncidentSnapshot | undefined> {
  const keys = incidentKeys(options.prefix ?? 'rootguard', incidentId);
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt += 1) {
    const runs = Number((await redis.hget(keys.incident, 'run')) ?? 0);
    const transaction = redis
      .multi()
      .hgetall(keys.incident)
      .hvals(keys.occurrences)
      .lrange(keys.timeline, 0, -1)
      .hgetall(keys.reports);
    for (let run = 1; run <= runs; run += 1) transaction.hgetall(keys.run(run));
    const replies = (await transaction.exec()) ?? [];
    const values = replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const [hash, occurrenceJson, timelineLines, reportHash, ...runHashes] = values as [
      Record<string, string>,
      string[],
      string[],
      Record<string, string>,
      ...Record<string, string>[],
    ];
    const incident = incidentFromHash(hash);
    if (incident === undefined) return undefined;
    // A run started between the two reads: read again, so no run is left out.
    if (incident.run !== runs) continue;
    return {
      line: {
        format: INCIDENT_ARCHIVE_FORMAT,
        incident,
        occurrences: occurrenceJson.map((json) => JSON.parse(json) as Occurrence).sort(byExposure),
        runs: runHashes.flatMap((runHash) => archivedRun(runHash, options.steps ?? [])),
        timeline: timelineLines.map((json) => JSON.parse(json) as TimelineEvent),
        reports: Object.fromEntries(
          Object.entries(reportHash)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([field, value]) => [field, parseIfJson(value)]),
        ),
      },
      guard: {
        revision: incident.revision,
        run: incident.run,
        timelineLength: timelineLines.length,
        lastTimelineLine: timelineLines.at(-1) ?? '',
        reportFields: Object.keys(reportHash).length,
      },
      reportFieldNames: Object.keys(reportHash),
    };
  }
  throw new IncidentError('busy', `Incident ${incidentId} kept starting runs while it was read; try again.`);
}

function archivedRun(hash: Record<string, string>, order: readonly string[]): ArchivedRun[] {
  const meta = hash[RUN_FIELD];
  if (meta === undefined) return [];
  const rank = (name: string) => {
    const at = order.indexOf(name);
    return at === -1 ? order.length : at;
  };
  const steps = Object.entries(hash)
    .filter(([field]) => field !== RUN_FIELD)
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([, json]) => JSON.parse(json) as StepRecord);
  return [{ run: JSON.parse(meta) as PlaybookRun, steps }];
}

function byExposure(a: Occurrence, b: Occurrence): number {
  return a.exposedAt < b.exposedAt ? -1 : a.exposedAt > b.exposedAt ? 1 : a.id < b.id ? -1 : 1;
}

/** Report values are JSON objects (refs, deliveries) or plain text (body hashes, times). */
function parseIfJson(value: string): unknown {
  if (!value.startsWith('{')) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
