import type { RedisClient } from '../redis/redis-client.js';
import { FINISHED_STATUSES, type IncidentStatus } from './incident.js';
import { statusFromField } from './incident-from-hash.js';
import { incidentKeys } from './incident-keys.js';

/** How many incidents one Redis round trip reads. */
const PAGE = 500;

/** Options of {@link listIncidentsCreated}. */
export interface ListCreatedOptions {
  /** @defaultValue `rootguard` */
  readonly prefix?: string;
  /** Created at or after. */
  readonly since: Date;
  /** Created before (exclusive). @defaultValue no end */
  readonly until?: Date;
}

/** The ids of the incidents created in a window, oldest first (the incident index's order). */
export async function listIncidentsCreated(
  redis: RedisClient,
  options: ListCreatedOptions,
): Promise<string[]> {
  const index = incidentKeys(options.prefix ?? 'rootguard', '').index;
  const until = options.until === undefined ? '+inf' : `(${options.until.getTime()}`;
  return redis.zrangebyscore(index, String(options.since.getTime()), until);
}

/** Options of {@link findExpiredIncidents}. */
export interface FindExpiredOptions {
  /** @defaultValue `rootguard` */
  readonly prefix?: string;
  /** A finished incident whose last change is before this is expired. */
  readonly changedBefore: Date;
  /** The most ids returned (a pass works in bounded batches). @defaultValue 1000 */
  readonly limit?: number;
}

/** The incident fields that say when it last changed (the latest is its last change). */
const CHANGE_FIELDS = [
  'updatedAt',
  'revokedAt',
  'deployedAt',
  'containedAt',
  'approvedAt',
  'falsePositiveAt',
] as const;

/**
 * The finished incidents (`FINISHED_STATUSES`) whose last change (occurrence, clock, approval,
 * closing, or timeline line) is before `changedBefore`, oldest first. Open incidents, and those
 * needing a human, are never returned however old.
 */
export async function findExpiredIncidents(
  redis: RedisClient,
  options: FindExpiredOptions,
): Promise<string[]> {
  const prefix = options.prefix ?? 'rootguard';
  const limit = options.limit ?? 1_000;
  const cutoff = options.changedBefore.toISOString();
  const index = incidentKeys(prefix, '').index;
  const expired: string[] = [];
  for (let start = 0; expired.length < limit; start += PAGE) {
    const ids = await redis.zrange(index, String(start), String(start + PAGE - 1));
    if (ids.length === 0) break;
    const pipeline = redis.pipeline();
    for (const id of ids) {
      const keys = incidentKeys(prefix, id);
      pipeline.hmget(keys.incident, 'status', ...CHANGE_FIELDS).lindex(keys.timeline, -1);
    }
    const replies = (await pipeline.exec()) ?? [];
    ids.forEach((id, i) => {
      const [fieldsError, fields] = replies[2 * i] ?? [];
      const [lastError, lastLine] = replies[2 * i + 1] ?? [];
      if (fieldsError || lastError) throw fieldsError ?? lastError;
      const [status, ...times] = fields as (string | null)[];
      if (!FINISHED_STATUSES.includes(status as IncidentStatus)) return;
      const lastChange = [...times, timelineTime(lastLine as string | null)]
        .filter((time): time is string => typeof time === 'string' && time !== '')
        .map((time) => new Date(time))
        .filter((time) => !Number.isNaN(time.getTime()))
        .map((time) => time.toISOString())
        .sort()
        .at(-1);
      if (lastChange !== undefined && lastChange < cutoff && expired.length < limit) expired.push(id);
    });
  }
  return expired;
}

function timelineTime(line: string | null): string | undefined {
  if (line === null) return undefined;
  const { at } = JSON.parse(line) as { at?: unknown };
  return typeof at === 'string' ? at : undefined;
}

/**
 * How many incidents the store holds in each status, read from its index a page at a time (one
 * pipeline of `HGET status` per page). An id whose hash cannot be read is left out.
 */
export async function countIncidentsByStatus(
  redis: RedisClient,
  options: { readonly prefix?: string } = {},
): Promise<Record<string, number>> {
  const prefix = options.prefix ?? 'rootguard';
  const index = incidentKeys(prefix, '').index;
  const counts: Record<string, number> = {};
  for (let start = 0; ; start += PAGE) {
    const ids = await redis.zrange(index, String(start), String(start + PAGE - 1));
    if (ids.length === 0) break;
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(incidentKeys(prefix, id).incident, 'status');
    for (const [error, status] of (await pipeline.exec()) ?? []) {
      if (error) continue;
      const name = statusFromField(status as string | null);
      counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  return counts;
}
