import type { RedisClient } from '../redis/redis-client.js';
import { IncidentError } from './errors.js';
import { hasKeyMaterial } from './has-key-material.js';
import { readIncidentSnapshot, type IncidentSnapshot } from './incident-archive.js';
import { findExpiredIncidents } from './list-incidents.js';
import { removeIncident } from './remove-incident.js';
import { writeArchiveFile } from './write-archive-file.js';

const DAY_MS = 86_400_000;

/** Options of {@link archiveExpiredIncidents}. */
export interface ArchiveExpiredOptions {
  /** @defaultValue `rootguard` */
  readonly prefix?: string;
  /** How long a finished incident is kept after its last change. */
  readonly retentionDays: number;
  /** Where the archive file is written; undefined: nothing is removed (counted only). */
  readonly archiveDir: string | undefined;
  /** The playbook's step names in order (the archive lists steps so). @defaultValue [] */
  readonly steps?: readonly string[];
  /** Incidents archived and removed per pass at most. @defaultValue 1000 */
  readonly limit?: number;
  /** @defaultValue `() => new Date()` */
  readonly now?: () => Date;
  /** Writes the archive file and returns its path. @defaultValue {@link writeArchiveFile} */
  readonly writeArchive?: (dir: string, name: string, lines: readonly string[]) => Promise<string>;
}

/** What a retention pass did. */
export interface ArchiveExpiredResult {
  /** Finished incidents past retention found. */
  readonly expired: number;
  /** Written to the archive file. */
  readonly archived: number;
  /** Removed from Redis (archived first). */
  readonly removed: number;
  /** Archived but kept: reopened or changed since they were read (a later pass takes them). */
  readonly kept: number;
  /** Kept unarchived: their line held something key-shaped (never expected: stores refuse keys). */
  readonly refused: number;
  /** The archive file, when one was written. */
  readonly archivePath?: string;
}

/**
 * One retention pass: finds the finished incidents past `retentionDays`, writes them all to one
 * JSON-lines file in `archiveDir`, and only once that file is on disk removes each one that is
 * still finished and unchanged. A failed write throws and removes nothing; without `archiveDir`
 * nothing is removed. Open incidents are never touched.
 */
export async function archiveExpiredIncidents(
  redis: RedisClient,
  options: ArchiveExpiredOptions,
): Promise<ArchiveExpiredResult> {
  const prefix = options.prefix ?? 'rootguard';
  const now = (options.now ?? (() => new Date()))();
  const changedBefore = new Date(now.getTime() - options.retentionDays * DAY_MS);
  const ids = await findExpiredIncidents(redis, {
    prefix,
    changedBefore,
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });
  const none = { expired: ids.length, archived: 0, removed: 0, kept: 0, refused: 0 };
  if (ids.length === 0 || options.archiveDir === undefined) return none;
  const snapshots: IncidentSnapshot[] = [];
  for (const id of ids) {
    const snapshot = await readIncidentSnapshot(redis, id, {
      prefix,
      ...(options.steps ? { steps: options.steps } : {}),
    });
    if (snapshot !== undefined) snapshots.push(snapshot);
  }
  // Stored data never holds a key (every store refuses it); an archive line is checked all the
  // same before it leaves Redis, and an incident whose line fails stays, counted as refused.
  const archivable = snapshots.filter((snapshot) => !hasKeyMaterial(JSON.stringify(snapshot.line)));
  const refused = snapshots.length - archivable.length;
  if (archivable.length === 0) return { ...none, refused };
  const lines = archivable.map((snapshot) => JSON.stringify(snapshot.line));
  const write = options.writeArchive ?? writeArchiveFile;
  const name = `incidents-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`;
  let archivePath: string;
  try {
    archivePath = await write(options.archiveDir, name, lines);
  } catch (error) {
    throw new IncidentError(
      'archive-failed',
      `The archive of ${lines.length} incident(s) past retention could not be written to ${options.archiveDir} (${describeFsError(error)}); nothing was removed.`,
    );
  }
  let removed = 0;
  for (const snapshot of archivable)
    if ((await removeIncident(redis, prefix, snapshot)) === 'removed') removed += 1;
  return {
    expired: ids.length,
    archived: lines.length,
    removed,
    kept: lines.length - removed,
    refused,
    archivePath,
  };
}

/** A file system error by its code only (its message may repeat the path, already named). */
function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
}
