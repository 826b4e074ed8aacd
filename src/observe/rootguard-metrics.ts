import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { failureLabels } from './failure-labels.js';
import {
  closedLabel,
  INCIDENT_CLOCKS,
  INCIDENT_STATUSES,
  INCOMPLETE_REASONS,
  SCAN_KINDS,
  SCAN_RESULTS,
  statusLabel,
  STEP_OUTCOMES,
  WEBHOOK_EVENTS,
} from './label-sets.js';

/** A queue as the metrics read it (BullMQ's `Queue`): its counts and its oldest waiting job. */
export interface ObservedQueue {
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
  getJobs(
    states: 'wait'[],
    start: number,
    end: number,
    asc: boolean,
  ): Promise<({ timestamp: number } | undefined)[]>;
}

/** Options of {@link RootguardMetrics}. */
export interface RootguardMetricsOptions {
  /** The playbook's step names (the only values of the `step` label). */
  readonly steps: readonly string[];
  /** The queue names (the only values of the `queue` label). */
  readonly queues: readonly string[];
  /** The reporters' names (the only values of the `reporter` label). @defaultValue none: all `other` */
  readonly reporters?: readonly string[];
  /** Node's process metrics (CPU, memory, event loop lag, GC). @defaultValue true */
  readonly processMetrics?: boolean;
}

/** The job states whose counts are exported per queue (BullMQ's `getJobCounts`). */
const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
  'paused',
];

/** Seconds: from a webhook's answer (milliseconds) to containment (minutes). */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const CLOCK_BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600];
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900];

/**
 * rootguard's Prometheus metrics, one registry per process. The folders that own the events count
 * them through the small interfaces they declare (`WebhookMetrics` in `src/app`, `ScanMetrics` in
 * `src/scan`, `PlaybookMetrics` in `src/playbook`), which this class satisfies; the runtime passes
 * it in. Every label is a closed set (`label-sets.ts`): nothing an event carries reaches a label.
 */
export class RootguardMetrics {
  readonly registry = new Registry();
  readonly #steps: readonly string[];
  readonly #queues: readonly string[];
  readonly #webhooks: Counter<'event' | 'status'>;
  readonly #ack: Histogram<'event'>;
  readonly #scans: Counter<'kind' | 'result'>;
  readonly #bytes: Counter<'kind'>;
  readonly #incomplete: Counter<'kind' | 'reason'>;
  readonly #stepOutcomes: Counter<'step' | 'outcome'>;
  readonly #clocks: Histogram<'clock'>;
  readonly #failures: Counter<'queue' | 'upstream' | 'reason' | 'final'>;
  readonly #wait: Histogram<'queue'>;
  readonly #stalled: Counter<'queue'>;
  readonly #reporters: readonly string[];
  readonly #reportFailures: Counter<'reporter' | 'upstream' | 'reason' | 'final'>;
  #queueSources: Readonly<Record<string, ObservedQueue>> = {};
  #incidentCounts: (() => Promise<Readonly<Record<string, number>>>) | undefined;

  constructor(options: RootguardMetricsOptions) {
    this.#steps = options.steps;
    this.#queues = options.queues;
    this.#reporters = options.reporters ?? [];
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.#webhooks = new Counter({
      name: 'rootguard_webhooks_total',
      help: 'Webhook deliveries answered, by event and HTTP status of the answer.',
      labelNames: ['event', 'status'],
      registers,
    });
    this.#ack = new Histogram({
      name: 'rootguard_webhook_ack_seconds',
      help: 'Time from a webhook request to its answer (validate, filter, enqueue).',
      labelNames: ['event'],
      buckets: ACK_BUCKETS,
      registers,
    });
    this.#scans = new Counter({
      name: 'rootguard_scans_total',
      help: 'Scan jobs finished, by kind and result (complete, incomplete, skipped, failed).',
      labelNames: ['kind', 'result'],
      registers,
    });
    this.#bytes = new Counter({
      name: 'rootguard_scanned_bytes_total',
      help: 'Bytes the scans read (added lines, blobs, logs), by scan kind.',
      labelNames: ['kind'],
      registers,
    });
    this.#incomplete = new Counter({
      name: 'rootguard_scans_incomplete_total',
      help: 'Reasons scans ended incomplete (one per reason code a scan reported).',
      labelNames: ['kind', 'reason'],
      registers,
    });
    this.#stepOutcomes = new Counter({
      name: 'rootguard_playbook_steps_total',
      help: 'Playbook step outcomes recorded, by step and outcome.',
      labelNames: ['step', 'outcome'],
      registers,
    });
    this.#clocks = new Histogram({
      name: 'rootguard_incident_clock_seconds',
      help: 'Time from the first webhook of an incident to its key revoked, the replacement deployed, and the leak contained.',
      labelNames: ['clock'],
      buckets: CLOCK_BUCKETS,
      registers,
    });
    this.#failures = new Counter({
      name: 'rootguard_job_failures_total',
      help: 'Job attempts that failed, by queue, upstream, reason code and whether it was the final attempt (final="false": the queue retries it).',
      labelNames: ['queue', 'upstream', 'reason', 'final'],
      registers,
    });
    this.#wait = new Histogram({
      name: 'rootguard_job_wait_seconds',
      help: 'Time a job waited in its queue before a worker of this process took it.',
      labelNames: ['queue'],
      buckets: WAIT_BUCKETS,
      registers,
    });
    this.#stalled = new Counter({
      name: 'rootguard_jobs_stalled_total',
      help: 'Jobs a worker of this process found stalled (their worker died or blocked past the lock) and took back.',
      labelNames: ['queue'],
      registers,
    });
    this.#reportFailures = new Counter({
      name: 'rootguard_report_failures_total',
      help: 'Report attempts that failed, by reporter, upstream, reason code and whether it was the last (the reporter is then recorded as failed).',
      labelNames: ['reporter', 'upstream', 'reason', 'final'],
      registers,
    });
    const queueLabel = (name: string) => closedLabel(name, this.#queues);
    const sources = () => Object.entries(this.#queueSources);
    new Gauge({
      name: 'rootguard_queue_jobs',
      help: "Jobs in each queue by state (BullMQ's getJobCounts; the same in every process reading one Redis).",
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          sources().map(async ([name, queue]) => {
            const counts = await queue.getJobCounts(...QUEUE_STATES);
            for (const state of QUEUE_STATES)
              this.set({ queue: queueLabel(name), state }, counts[state] ?? 0);
          }),
        );
      },
    });
    new Gauge({
      name: 'rootguard_queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting in each queue (0 when none waits).',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          sources().map(async ([name, queue]) => {
            const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
            const age = oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0;
            this.set({ queue: queueLabel(name) }, age);
          }),
        );
      },
    });
    const incidentCounts = () => this.#incidentCounts;
    new Gauge({
      name: 'rootguard_incidents',
      help: 'Incidents in the incident store, by status.',
      labelNames: ['status'],
      registers,
      async collect() {
        this.reset();
        const read = incidentCounts();
        if (read === undefined) return;
        const counts = await read();
        for (const status of [...INCIDENT_STATUSES, 'other']) this.set({ status }, 0);
        for (const [status, count] of Object.entries(counts))
          this.inc({ status: closedLabel(status, INCIDENT_STATUSES) }, count);
      },
    });
  }

  /** Reads these queues' counts at each scrape. */
  watchQueues(queues: Readonly<Record<string, ObservedQueue>>): void {
    this.#queueSources = queues;
  }

  /** Reads the incidents per status at each scrape (the caller caches, the store may be large). */
  watchIncidents(counts: () => Promise<Readonly<Record<string, number>>>): void {
    this.#incidentCounts = counts;
  }

  /** A webhook request was answered with `status` after `seconds`. */
  webhookAnswered(event: string | undefined, status: number, seconds: number): void {
    const label = closedLabel(event, WEBHOOK_EVENTS);
    this.#webhooks.inc({ event: label, status: statusLabel(status) });
    this.#ack.observe({ event: label }, seconds);
  }

  /** A scan job ended: its result, the bytes it read and the reason codes it was incomplete for. */
  scanFinished(kind: string, result: string, bytes = 0, incomplete: readonly string[] = []): void {
    const kindLabel = closedLabel(kind, SCAN_KINDS);
    this.#scans.inc({ kind: kindLabel, result: closedLabel(result, SCAN_RESULTS) });
    if (bytes > 0) this.#bytes.inc({ kind: kindLabel }, bytes);
    for (const reason of new Set(incomplete))
      this.#incomplete.inc({ kind: kindLabel, reason: closedLabel(reason, INCOMPLETE_REASONS) });
  }

  /** A playbook step recorded its outcome. */
  stepFinished(step: string, outcome: string): void {
    this.#stepOutcomes.inc({
      step: closedLabel(step, this.#steps),
      outcome: closedLabel(outcome, STEP_OUTCOMES),
    });
  }

  /** One of an incident's clocks was set, `ms` after its first webhook (once per incident). */
  clockRecorded(clock: string, ms: number): void {
    this.#clocks.observe({ clock: closedLabel(clock, INCIDENT_CLOCKS) }, ms / 1000);
  }

  /** A job attempt failed; `final`: no attempt is left (else the queue retries it). */
  jobFailed(queue: string, error: unknown, final: boolean): void {
    const { upstream, reason } = failureLabels(error);
    this.#failures.inc({ queue: closedLabel(queue, this.#queues), upstream, reason, final: String(final) });
  }

  /** A reporter's attempt failed; `final`: it is recorded as failed (else the queue retries it). */
  reportFailed(reporter: string, error: unknown, final: boolean): void {
    // Every reporter but Slack's writes to GitHub.
    const { upstream, reason } = failureLabels(error, reporter === 'slack' ? 'slack' : 'github');
    this.#reportFailures.inc({
      reporter: closedLabel(reporter, this.#reporters),
      upstream,
      reason,
      final: String(final),
    });
  }

  /** A worker of this process took a job that had waited `ms` in its queue. */
  jobWaited(queue: string, ms: number): void {
    this.#wait.observe({ queue: closedLabel(queue, this.#queues) }, Math.max(0, ms) / 1000);
  }

  /** A worker of this process found a job stalled. */
  jobStalled(queue: string): void {
    this.#stalled.inc({ queue: closedLabel(queue, this.#queues) });
  }

  /** The Prometheus text exposition of every metric, and its content type. */
  async render(): Promise<{ readonly contentType: string; readonly body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
