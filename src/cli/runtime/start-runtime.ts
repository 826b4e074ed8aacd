import type { Logger } from 'pino';
import type { BodyBudget } from '../../app/body-budget.js';
import { createReceiver } from '../../app/create-receiver.js';
import { loadEnvConfig, type EnvConfig, type WorkerKind } from '../../config/env-config.js';
import { loadOperatorConfig } from '../../config/load-operator-config.js';
import { createLogger } from '../../log/create-logger.js';
import { startCommandWorker } from '../../playbook/commands/start-command-worker.js';
import { startPlaybookWorker } from '../../playbook/start-playbook-worker.js';
import { enqueuePlaybook } from '../../queue/playbook-job.js';
import { listenHealthServer } from '../../observe/health-server.js';
import { COMMAND_QUEUE, NOTIFY_QUEUE, PLAYBOOK_QUEUE, SCAN_QUEUE } from '../../queue/queues.js';
import { startRetentionWorker } from '../../queue/start-retention-worker.js';
import { createRedisConnection } from '../../queue/redis-connection.js';
import { startNotifyWorker } from '../../report/notify/start-notify-worker.js';
import { startScanWorker } from '../../scan/start-scan-worker.js';
import { botLoginFor } from './bot-login.js';
import { closableWorker } from './closable-worker.js';
import { closeRuntime } from './close-runtime.js';
import type { Closable } from './close-within.js';
import { createCommandDependencies } from './create-command-deps.js';
import { createNotifyDependencies } from './create-notify-deps.js';
import { createObserveDependencies } from './create-observe-deps.js';
import { createPlaybookDependencies } from './create-playbook-deps.js';
import { createReceiverDependencies } from './create-receiver-deps.js';
import { createRetentionDependencies } from './create-retention-deps.js';
import { createScanDependencies } from './create-scan-deps.js';
import { listenReceiver } from './listen-receiver.js';
import { logRedisErrors } from './log-redis-errors.js';
import { observeWorker } from './observe-worker.js';
import { openQueues, openRetentionQueue } from './open-queues.js';
import { requireReadyRedis } from './require-ready-redis.js';
import { startSweeps } from './start-sweeps.js';
import { createRuntimePieces } from './runtime-pieces.js';

/** Options of {@link startRuntime}; tests override the outside world. */
export interface RuntimeOptions {
  /** `serve`: receiver and workers in one process; `worker`: workers only (to scale out). */
  readonly role: 'serve' | 'worker';
  readonly env: NodeJS.ProcessEnv;
  /** @defaultValue a logger writing JSON lines to stdout at `LOG_LEVEL` */
  readonly log?: Logger;
  /** BullMQ and incident key prefix. @defaultValue `ROOTGUARD_PREFIX` */
  readonly prefix?: string;
  /** Listen here instead of `PORT` (0 for any free port). */
  readonly port?: number;
  /** A `worker`'s health port instead of `ROOTGUARD_HEALTH_PORT` (0 for any free port). */
  readonly healthPort?: number;
  /** Clone URL for pushes beyond the API's limits. @defaultValue derived from `GITHUB_API_URL` */
  readonly cloneUrl?: (owner: string, repo: string) => string;
  /** Downloads of log links. @defaultValue global fetch */
  readonly fetch?: typeof fetch;
  /**
   * Switches off workers that `ROOTGUARD_WORKERS` would run (`false`); a kind the setting leaves
   * out stays off. Tests switch the playbook worker off to run it in a separate `rootguard worker`
   * process (and kill that). @defaultValue as `ROOTGUARD_WORKERS` says
   */
  readonly workers?: { readonly [Kind in WorkerKind]?: boolean };
  /** Least time between two report requests to one installation (tests shorten it). @defaultValue 1000 */
  readonly reportIntervalMs?: number;
  /** The receiver's admission of webhook bodies (tests read its peaks). @defaultValue the receiver's own */
  readonly bodyBudget?: BodyBudget;
}

/** A running rootguard: close it to stop taking webhooks, finish running jobs and disconnect. */
export interface Runtime {
  readonly config: EnvConfig;
  /** The receiver's base URL (`serve` only). */
  readonly url?: string;
  /** Where /livez, /readyz and /metrics answer: the receiver's URL on `serve`, the health port's on `worker`. */
  readonly healthUrl: string;
  /** The workers this process started, by kind, as BullMQ runs them (kinds not run are absent). */
  readonly workers: ReadonlyMap<WorkerKind, RunningWorker>;
  close(): Promise<void>;
}

/** What a started worker tells about itself (BullMQ's `Worker`). */
export interface RunningWorker {
  /** BullMQ's queue name. */
  readonly name: string;
  /** Jobs it works on at once. */
  readonly concurrency: number;
}

/**
 * Starts rootguard: checks the configuration and Redis (refusing an evicting Redis), then the
 * workers `ROOTGUARD_WORKERS` names (scan, playbook, notify, command, retention; all by default,
 * each at its `ROOTGUARD_<KIND>_CONCURRENCY`) unless `workers` switches one off, the sweep of
 * missed deliveries (`start-sweeps.ts`; its scheduler in every process, its worker where `sweep`
 * runs), and the webhook
 * receiver (`serve`, which may run no worker at all). Each worker's dependencies come from its
 * `create-<worker>-deps.ts`, built on the process's shared pieces (`runtime-pieces.ts`). Everything it opens, `close()` closes, in
 * reverse order.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const config = loadEnvConfig(options.env, options.role);
  // Read before anything starts: a broken operator config stops start-up with one clear line.
  const operatorConfig = loadOperatorConfig(options.env);
  const log =
    options.log ??
    createLogger({ name: 'runtime', level: config.logLevel, apiKeyPrefixes: operatorConfig.apiKeyPrefixes });
  const prefix = options.prefix ?? config.prefix;
  const producer = createRedisConnection(config.redis, 'producer', {
    onError: logRedisErrors(log, 'producer connection'),
  });
  const workerConnection = createRedisConnection(config.redis, 'worker', {
    onError: logRedisErrors(log, 'worker connection'),
  });
  // What stops taking work (the receiver, the workers), then the queues: closed in that order
  // within the shutdown grace, before the connections.
  const stopping: Closable[] = [];
  const closing: Closable[] = [];
  const close = () =>
    closeRuntime(log, config.shutdownGraceMs, [stopping, closing], producer, workerConnection);
  try {
    await requireReadyRedis(producer, config, log);
    const queues = openQueues(producer, prefix, log);
    closing.push({ name: 'queues', close: () => queues.close(), force: () => undefined });
    const pieces = createRuntimePieces({
      config,
      operatorConfig,
      env: options.env,
      log,
      redis: producer,
      prefix,
      queues,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    // One metrics registry per process; the factories hand it to the folders that count.
    const observation = createObserveDependencies({ ...pieces, role: options.role });
    const { metrics } = observation;
    const workerOn = (kind: WorkerKind) => config.workers.has(kind) && options.workers?.[kind] !== false;
    const consumer = { connection: workerConnection, prefix };
    const workers = new Map<WorkerKind, RunningWorker>();

    if (workerOn('scan')) {
      const deps = createScanDependencies({
        ...pieces,
        metrics,
        ...(options.cloneUrl ? { cloneUrl: options.cloneUrl } : {}),
      });
      const worker = startScanWorker({
        ...consumer,
        ...concurrencyOf(config, 'scan'),
        lockMs: config.jobLockMs,
        deps,
      });
      observeWorker(metrics, SCAN_QUEUE, worker);
      workers.set('scan', worker);
      stopping.push(closableWorker('scan worker', worker, log));
    }
    // Built even when this process runs no playbook: commands write through its clients.
    const playbookDeps = createPlaybookDependencies({ ...pieces, metrics });
    if (workerOn('playbook')) {
      const worker = startPlaybookWorker({
        ...consumer,
        ...concurrencyOf(config, 'playbook'),
        lockMs: config.jobLockMs,
        stalledCheckMs: config.stalledCheckMs,
        deps: playbookDeps,
        requeue: (incidentId) => enqueuePlaybook(queues.playbook, incidentId),
      });
      observeWorker(metrics, PLAYBOOK_QUEUE, worker);
      workers.set('playbook', worker);
      stopping.push(closableWorker('playbook worker', worker, log));
    }
    const botLogin = await botLoginFor(config, pieces.probot);
    if (workerOn('notify')) {
      const deps = createNotifyDependencies({
        ...pieces,
        metrics,
        ...(botLogin !== undefined ? { botLogin } : {}),
        ...(options.reportIntervalMs !== undefined ? { reportIntervalMs: options.reportIntervalMs } : {}),
      });
      const worker = startNotifyWorker({
        ...consumer,
        ...concurrencyOf(config, 'notify'),
        lockMs: config.jobLockMs,
        stalledCheckMs: config.stalledCheckMs,
        deps,
      });
      observeWorker(metrics, NOTIFY_QUEUE, worker);
      workers.set('notify', worker);
      stopping.push(closableWorker('notify worker', worker, log));
    }
    if (workerOn('command')) {
      const deps = createCommandDependencies({ ...pieces, playbook: playbookDeps });
      const worker = startCommandWorker({ ...consumer, ...concurrencyOf(config, 'command'), deps });
      observeWorker(metrics, COMMAND_QUEUE, worker);
      workers.set('command', worker);
      stopping.push(closableWorker('command worker', worker, log));
    }
    if (workerOn('retention')) {
      const retentionQueue = await openRetentionQueue(producer, prefix, log);
      closing.push({ name: 'retention queue', close: () => retentionQueue.close(), force: () => undefined });
      const worker = startRetentionWorker({
        ...consumer,
        lockMs: config.jobLockMs,
        stalledCheckMs: config.stalledCheckMs,
        deps: createRetentionDependencies(pieces),
      });
      workers.set('retention', worker);
      stopping.push(closableWorker('retention worker', worker, log));
    }
    // Missed deliveries: every process keeps the sweep scheduled; processes running `sweep` sweep.
    const sweeps = await startSweeps(pieces, consumer, workerOn('sweep'));
    closing.push(sweeps.queue);
    if (sweeps.worker) stopping.push(sweeps.worker);
    if (options.role === 'worker') {
      if (workers.size === 0 && !sweeps.worker)
        log.warn('ROOTGUARD_WORKERS names no worker kind: this process takes no jobs');
      // A worker has no receiver: its probes and metrics get a small port of their own.
      const health = await listenHealthServer(observation.routes, {
        port: options.healthPort ?? config.healthPort,
        host: config.healthHost,
      });
      closing.push({ name: 'health server', close: () => health.close(), force: () => undefined });
      log.info({ port: health.port }, 'rootguard worker answers /livez, /readyz and /metrics');
      return { config, healthUrl: health.url, workers, close };
    }

    const server = await createReceiver({
      probot: pieces.probot,
      deps: createReceiverDependencies({ ...pieces, ...(botLogin !== undefined ? { botLogin } : {}) }),
      routes: observation.routes,
      metrics,
      ...(options.bodyBudget ? { bodyBudget: options.bodyBudget } : {}),
    });
    const receiver = await listenReceiver(server, {
      port: options.port ?? config.port,
      host: config.host,
      webhookSecret: config.webhookSecret,
    });
    // First to stop: no new webhook while the workers finish.
    stopping.unshift(receiver.closable);
    log.info({ port: receiver.port }, 'rootguard is receiving webhooks');
    return { config, url: receiver.url, healthUrl: receiver.url, workers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The kind's `ROOTGUARD_<KIND>_CONCURRENCY` as a worker option; none: the worker's own default. */
function concurrencyOf(config: EnvConfig, kind: keyof EnvConfig['concurrency']): { concurrency?: number } {
  const concurrency = config.concurrency[kind];
  return concurrency === undefined ? {} : { concurrency };
}
