import type { Logger } from 'pino';
import type { BodyBudget } from '../../app/body-budget.js';
import { createReceiver } from '../../app/create-receiver.js';
import { loadEnvConfig, type EnvConfig } from '../../config/env-config.js';
import { loadOperatorConfig } from '../../config/load-operator-config.js';
import { createLogger } from '../../log/create-logger.js';
import { startCommandWorker } from '../../playbook/commands/start-command-worker.js';
import { startPlaybookWorker } from '../../playbook/start-playbook-worker.js';
import { enqueuePlaybook } from '../../queue/playbook-job.js';
import { listenHealthServer } from '../../observe/health-server.js';
import { COMMAND_QUEUE, NOTIFY_QUEUE, PLAYBOOK_QUEUE, SCAN_QUEUE } from '../../queue/queues.js';
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
import { createScanDependencies } from './create-scan-deps.js';
import { listenReceiver } from './listen-receiver.js';
import { logRedisErrors } from './log-redis-errors.js';
import { observeWorker } from './observe-worker.js';
import { openQueues } from './open-queues.js';
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
   * Which workers this process runs. Tests switch the playbook worker off to run it in a
   * separate `rootguard worker` process (and kill that). @defaultValue all on
   */
  readonly workers?: {
    readonly scan?: boolean;
    readonly playbook?: boolean;
    readonly notify?: boolean;
    readonly command?: boolean;
    /** The sweep of missed webhook deliveries (src/sweep). */
    readonly sweep?: boolean;
  };
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
  close(): Promise<void>;
}

/**
 * Starts rootguard: checks the configuration and Redis (refusing an evicting Redis), then the
 * scan, playbook, notify and command workers (unless `workers` switches one off), the sweep of
 * missed deliveries (`start-sweeps.ts`) and the webhook receiver (`serve`). Each worker's dependencies come from its `create-<worker>-deps.ts`, built on
 * the process's shared pieces (`runtime-pieces.ts`). Everything it opens, `close()` closes, in
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
  const producer = createRedisConnection(config.redisUrl, 'producer', {
    onError: logRedisErrors(log, 'producer connection'),
  });
  const workerConnection = createRedisConnection(config.redisUrl, 'worker', {
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
    const workerOn = (worker: keyof NonNullable<RuntimeOptions['workers']>) =>
      options.workers?.[worker] !== false;
    const consumer = { connection: workerConnection, prefix };

    if (workerOn('scan')) {
      const deps = createScanDependencies({
        ...pieces,
        metrics,
        ...(options.cloneUrl ? { cloneUrl: options.cloneUrl } : {}),
      });
      const worker = startScanWorker({ ...consumer, lockMs: config.jobLockMs, deps });
      observeWorker(metrics, SCAN_QUEUE, worker);
      stopping.push(closableWorker('scan worker', worker, log));
    }
    // Built even when this process runs no playbook: commands write through its clients.
    const playbookDeps = createPlaybookDependencies({ ...pieces, metrics });
    if (workerOn('playbook')) {
      const worker = startPlaybookWorker({
        ...consumer,
        lockMs: config.jobLockMs,
        stalledCheckMs: config.stalledCheckMs,
        deps: playbookDeps,
        requeue: (incidentId) => enqueuePlaybook(queues.playbook, incidentId),
      });
      observeWorker(metrics, PLAYBOOK_QUEUE, worker);
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
        lockMs: config.jobLockMs,
        stalledCheckMs: config.stalledCheckMs,
        deps,
      });
      observeWorker(metrics, NOTIFY_QUEUE, worker);
      stopping.push(closableWorker('notify worker', worker, log));
    }
    if (workerOn('command')) {
      const deps = createCommandDependencies({ ...pieces, playbook: playbookDeps });
      const worker = startCommandWorker({ ...consumer, deps });
      observeWorker(metrics, COMMAND_QUEUE, worker);
      stopping.push(closableWorker('command worker', worker, log));
    }
    // Missed deliveries: every process keeps the sweep scheduled; worker processes run the sweeps.
    const sweeps = await startSweeps(pieces, consumer, workerOn('sweep'));
    closing.push(sweeps.queue);
    if (sweeps.worker) stopping.push(sweeps.worker);
    if (options.role === 'worker') {
      // A worker has no receiver: its probes and metrics get a small port of their own.
      const health = await listenHealthServer(observation.routes, {
        port: options.healthPort ?? config.healthPort,
        host: config.healthHost,
      });
      closing.push({ name: 'health server', close: () => health.close(), force: () => undefined });
      log.info({ port: health.port }, 'rootguard worker answers /livez, /readyz and /metrics');
      return { config, healthUrl: health.url, close };
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
    return { config, url: receiver.url, healthUrl: receiver.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
