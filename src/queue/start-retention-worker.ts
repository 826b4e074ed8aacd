import { Worker, type ConnectionOptions } from 'bullmq';
import type { RedisClient } from '../redis/redis-client.js';
import type { Logger } from 'pino';
import {
  archiveExpiredIncidents,
  type ArchiveExpiredResult,
} from '../incidents/archive-expired-incidents.js';
import { cleanError } from './clean-error.js';
import { jobLockOptions } from './job-lock.js';
import { RETENTION_QUEUE, type RetentionJob } from './retention-job.js';

/** What the retention pass works with (`create-retention-deps.ts` builds it from the settings). */
export interface RetentionDependencies {
  /** Where the incidents are (the producer connection). */
  readonly redis: RedisClient;
  /** The incidents' key prefix. */
  readonly prefix: string;
  /** `ROOTGUARD_INCIDENT_RETENTION_DAYS`. */
  readonly retentionDays: number;
  /** `ROOTGUARD_ARCHIVE_DIR`; undefined: expired incidents are counted and kept. */
  readonly archiveDir: string | undefined;
  /** The playbook's step names in order (the archive lists each run's steps so). */
  readonly steps: readonly string[];
  readonly log: Logger;
  /** @defaultValue `() => new Date()` */
  readonly now?: () => Date;
}

/** Options of {@link startRetentionWorker}. */
export interface RetentionWorkerOptions {
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue 'rootguard' */
  readonly prefix?: string;
  readonly lockMs?: number;
  readonly stalledCheckMs?: number;
  readonly deps: RetentionDependencies;
}

/**
 * Starts the worker of the `retention` queue (one job at a time): each job is one pass of
 * `archiveExpiredIncidents`: the finished incidents past retention are written to an archive
 * file, then removed. A pass that cannot write its archive fails (nothing removed) and says why;
 * without an archive directory it only counts what it keeps.
 */
export function startRetentionWorker(
  options: RetentionWorkerOptions,
): Worker<RetentionJob, ArchiveExpiredResult> {
  const { deps } = options;
  return new Worker<RetentionJob, ArchiveExpiredResult>(
    RETENTION_QUEUE,
    async () => {
      try {
        const result = await archiveExpiredIncidents(deps.redis, {
          prefix: deps.prefix,
          retentionDays: deps.retentionDays,
          archiveDir: deps.archiveDir,
          steps: deps.steps,
          ...(deps.now ? { now: deps.now } : {}),
        });
        if (deps.archiveDir === undefined && result.expired > 0)
          deps.log.warn(
            { expired: result.expired, retentionDays: deps.retentionDays },
            'finished incidents are past retention but kept: set ROOTGUARD_ARCHIVE_DIR to archive and remove them',
          );
        else deps.log.info({ ...result }, 'retention pass finished');
        return result;
      } catch (error) {
        const cleaned = cleanError(error);
        deps.log.error({ err: cleaned }, 'retention pass failed');
        throw cleaned;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix ?? 'rootguard',
      concurrency: 1,
      ...jobLockOptions({
        ...(options.lockMs !== undefined ? { lockMs: options.lockMs } : {}),
        ...(options.stalledCheckMs !== undefined ? { stalledCheckMs: options.stalledCheckMs } : {}),
      }),
    },
  );
}
