import type { RedisClient } from '../redis/redis-client.js';
import { IncidentError } from './errors.js';
import { hasKeyMaterial } from './has-key-material.js';
import { readIncidentSnapshot } from './incident-archive.js';
import { listIncidentsCreated } from './list-incidents.js';

/** Options of {@link exportIncidents}. */
export interface ExportIncidentsOptions {
  /** @defaultValue `rootguard` */
  readonly prefix?: string;
  /** Incidents created at or after. */
  readonly since: Date;
  /** Incidents created before (exclusive). @defaultValue no end */
  readonly until?: Date;
  /** The playbook's step names in order (each run lists its steps so). @defaultValue [] */
  readonly steps?: readonly string[];
}

/**
 * The incidents created in a window as JSON lines (`IncidentArchiveLine`, one per incident, no
 * trailing newline), oldest first, each read as one consistent snapshot. Masked as stored; a line
 * that would hold anything key-shaped throws instead of being yielded.
 */
export async function* exportIncidents(
  redis: RedisClient,
  options: ExportIncidentsOptions,
): AsyncGenerator<string, void, undefined> {
  const prefix = options.prefix ?? 'rootguard';
  const ids = await listIncidentsCreated(redis, {
    prefix,
    since: options.since,
    ...(options.until ? { until: options.until } : {}),
  });
  for (const id of ids) {
    const snapshot = await readIncidentSnapshot(redis, id, {
      prefix,
      ...(options.steps ? { steps: options.steps } : {}),
    });
    // Removed since the index was read (retention ran meanwhile): nothing left to export.
    if (snapshot === undefined) continue;
    const line = JSON.stringify(snapshot.line);
    if (hasKeyMaterial(line))
      throw new IncidentError(
        'key-material',
        `Incident ${id} holds something key-shaped; the export stopped.`,
      );
    yield line;
  }
}
