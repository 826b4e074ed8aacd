import type { Queue } from 'bullmq';
import { hasKeyMaterial } from '../incidents/has-key-material.js';
import { addJob } from './add-job.js';
import { JobDataError } from './errors.js';
import { historyScanJobId, type ScanJob } from './scan-job.js';
import { scanJobSchema } from './scan-job-schema.js';

/** How often a scan is tried before it stays failed. */
export const SCAN_ATTEMPTS = 5;
/** The first retry's delay; each next one doubles (2 s, 4 s, 8 s, 16 s). */
export const SCAN_BACKOFF_MS = 2_000;
/** Finished scans kept for inspection (and so for deduplication of late redeliveries). */
export const KEEP_COMPLETED_SCANS = { count: 1_000, age: 7 * 24 * 3600 };
export const KEEP_FAILED_SCANS = { count: 5_000, age: 30 * 24 * 3600 };

/**
 * Adds a scan job with `jobId` = the delivery id, so a redelivered webhook adds nothing while the
 * first job is kept (a repository's history scan: `history-<installation>-<repository>`, once per
 * repository while the job is kept). Refuses data that fails the schema or holds anything key-shaped
 * (`JobDataError`); throws `QueueUnavailableError` (status 503) when Redis cannot take it.
 * Returns the job id.
 */
export async function enqueueScan(queue: Queue<ScanJob>, job: ScanJob): Promise<string> {
  const parsed = scanJobSchema.safeParse(job);
  if (!parsed.success) {
    // Name the fields only: values are not echoed into logs or errors.
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new JobDataError(`Scan job data is not valid at ${fields.join(', ')}; it was not added.`);
  }
  if (hasKeyMaterial(parsed.data))
    throw new JobDataError(
      'Scan job data holds something key-shaped; it was not added (job data carries ids only).',
    );
  // Stamped here, as the webhook is taken: time-to-contain is measured from this moment.
  const data = { ...parsed.data, receivedAt: parsed.data.receivedAt ?? Date.now() };
  return addJob(queue, data.kind, data, {
    jobId: data.kind === 'repository_history' ? historyScanJobId(data) : data.deliveryId,
    attempts: SCAN_ATTEMPTS,
    backoff: { type: 'exponential', delay: SCAN_BACKOFF_MS },
    removeOnComplete: KEEP_COMPLETED_SCANS,
    removeOnFail: KEEP_FAILED_SCANS,
  });
}
