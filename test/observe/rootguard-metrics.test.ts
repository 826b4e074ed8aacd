import { EventEmitter } from 'node:events';
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { observeWorker, type ObservedWorker } from '../../src/cli/runtime/observe-worker.js';
import { RootguardMetrics } from '../../src/observe/rootguard-metrics.js';
import { UnkeyRetryableError } from '../../src/unkey/errors.js';

const newMetrics = () =>
  new RootguardMetrics({ steps: ['verify', 'contain'], queues: ['scan', 'playbook'], processMetrics: false });
const body = async (metrics: RootguardMetrics) => (await metrics.render()).body;

describe('RootguardMetrics', () => {
  it('counts a scan once with its bytes and each distinct incomplete reason; unknown codes are `other`', async () => {
    const metrics = newMetrics();
    metrics.scanFinished('push', 'incomplete', 2048, [
      'max-scan-bytes',
      'max-scan-bytes',
      'acme/private-thing',
    ]);
    metrics.scanFinished('workflow_job', 'skipped');
    metrics.scanFinished('pull_request', 'failed');
    const text = await body(metrics);
    expect(text).toContain('rootguard_scans_total{kind="push",result="incomplete"} 1');
    expect(text).toContain('rootguard_scanned_bytes_total{kind="push"} 2048');
    expect(text).toContain('rootguard_scans_incomplete_total{kind="push",reason="max-scan-bytes"} 1');
    expect(text).toContain('rootguard_scans_incomplete_total{kind="push",reason="other"} 1');
    expect(text).toContain('rootguard_scans_total{kind="workflow_job",result="skipped"} 1');
    expect(text).toContain('rootguard_scans_total{kind="pull_request",result="failed"} 1');
    expect(text).not.toContain('acme/private-thing');
  });

  it('observes the clocks in seconds, and reads queue counts and incidents at scrape time', async () => {
    const metrics = newMetrics();
    metrics.clockRecorded('revoked', 1500);
    metrics.watchQueues({
      scan: {
        getJobCounts: async () => ({ waiting: 3, active: 1 }),
        getJobs: async () => [{ timestamp: Date.now() - 10_000 }],
      },
    });
    let reads = 0;
    metrics.watchIncidents(async () => {
      reads += 1;
      return { contained: 2, 'needs-human': 1, 'made-up': 4 };
    });
    const text = await body(metrics);
    expect(text).toContain('rootguard_incident_clock_seconds_sum{clock="revoked"} 1.5');
    expect(text).toContain('rootguard_queue_jobs{queue="scan",state="waiting"} 3');
    expect(text).toContain('rootguard_queue_jobs{queue="scan",state="delayed"} 0');
    expect(text).toMatch(/rootguard_queue_oldest_waiting_seconds\{queue="scan"\} (9|10|11)\.?\d*/);
    expect(text).toContain('rootguard_incidents{status="contained"} 2');
    expect(text).toContain('rootguard_incidents{status="open"} 0');
    expect(text).toContain('rootguard_incidents{status="other"} 4');
    expect(reads).toBe(1);
  });
});

/** A worker's event emitter, as BullMQ's Worker emits them. */
function fakeWorker(): EventEmitter & ObservedWorker {
  return new EventEmitter() as EventEmitter & ObservedWorker;
}
const job = (fields: Partial<Job>) => ({ attemptsMade: 0, attemptsStarted: 1, delay: 0, ...fields }) as Job;

describe('observeWorker', () => {
  it("counts a new job's wait, stalls, and failed attempts as retries or final", async () => {
    const metrics = newMetrics();
    const worker = fakeWorker();
    observeWorker(metrics, 'playbook', worker);
    worker.emit('active', job({ timestamp: 1_000, processedOn: 1_250 }));
    // A retried job's wait is its backoff: not counted.
    worker.emit('active', job({ timestamp: 1_000, processedOn: 9_000, attemptsMade: 1, attemptsStarted: 2 }));
    worker.emit('stalled', 'job-id');
    const error = new UnkeyRetryableError('server-error', 'rootKeys.rerollKey', 'Unkey answered 503');
    worker.emit('failed', job({}), error);
    worker.emit('failed', job({ finishedOn: 5_000 }), error);
    const text = await body(metrics);
    expect(text).toContain('rootguard_job_wait_seconds_count{queue="playbook"} 1');
    expect(text).toContain('rootguard_job_wait_seconds_sum{queue="playbook"} 0.25');
    expect(text).toContain('rootguard_jobs_stalled_total{queue="playbook"} 1');
    expect(text).toContain(
      'rootguard_job_failures_total{queue="playbook",upstream="unkey",reason="server-error",final="false"} 1',
    );
    expect(text).toContain(
      'rootguard_job_failures_total{queue="playbook",upstream="unkey",reason="server-error",final="true"} 1',
    );
  });
});
