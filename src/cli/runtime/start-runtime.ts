import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { resolveBotLogin, createProbot } from '../../app/create-probot.js';
import type { BodyBudget } from '../../app/body-budget.js';
import { createReceiver } from '../../app/create-receiver.js';
import { warmUpReceiver } from '../../app/warm-up-receiver.js';
import { loadEnvConfig, type EnvConfig } from '../../config/env-config.js';
import { loadOperatorConfig } from '../../config/load-operator-config.js';
import { IncidentStore } from '../../incidents/incident-store.js';
import { ReportStore } from '../../incidents/report-store.js';
import { RunStore } from '../../incidents/run-store.js';
import { STEP_NAMES } from '../../playbook/step-names.js';
import { createLogger } from '../../log/create-logger.js';
import { assertRedisReady, VOLATILE_REDIS_WARNING } from '../../queue/check-redis.js';
import { enqueueCommand } from '../../queue/command-job.js';
import { enqueuePlaybook } from '../../queue/playbook-job.js';
import { enqueueScan } from '../../queue/enqueue-scan.js';
import { DeliveryLedger, enqueueOnce } from '../../queue/delivery-ledger.js';
import { createQueues } from '../../queue/queues.js';
import { createRedisConnection } from '../../queue/redis-connection.js';
import { startScanWorker } from '../../scan/start-scan-worker.js';
import { startCommandWorker } from '../../playbook/commands/start-command-worker.js';
import { startPlaybookWorker } from '../../playbook/start-playbook-worker.js';
import type { NotifyRequest } from '../../queue/notify-job.js';
import type { ReporterName } from '../../report/incident/reporter-names.js';
import { enqueueNotify } from '../../report/notify/enqueue-notify.js';
import { postCommandAnswer } from '../../report/command-answer/post-command-answer.js';
import { startNotifyWorker } from '../../report/notify/start-notify-worker.js';
import { createNotifyDependencies } from './create-notify-deps.js';
import { laneClients } from './installation-client.js';
import { installationFinder } from './installation-finder.js';
import { LaneWaitError } from '../../github/errors.js';
import { InstallationLane } from '../../github/installation-lane.js';
import { createPlaybookDependencies } from './create-playbook-deps.js';
import { cloneUrlFor } from './clone-url-for.js';
import { logRedisErrors } from './log-redis-errors.js';
import { closeWithin, type Closable } from './close-within.js';

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
  close(): Promise<void>;
}

/**
 * Starts rootguard: checks the configuration and Redis (refusing an evicting Redis), then the
 * webhook receiver (`serve`), the scan, playbook and command workers (unless `workers` switches one
 * off). Everything it opens, `close()` closes.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const config = loadEnvConfig(options.env, options.role);
  // Read before anything starts: a broken operator config stops start-up with one clear line.
  const operatorConfig = loadOperatorConfig(options.env);
  const log =
    options.log ?? createLogger({ level: config.logLevel, apiKeyPrefixes: operatorConfig.apiKeyPrefixes });
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
    const redis = await assertRedisReady(producer, { allowVolatile: config.allowVolatileRedis });
    if (!redis.persistent) log.warn(VOLATILE_REDIS_WARNING);
    const queues = createQueues({ connection: producer, prefix });
    queues.scan.on('error', logRedisErrors(log, 'scan queue'));
    queues.playbook.on('error', logRedisErrors(log, 'playbook queue'));
    queues.notify.on('error', logRedisErrors(log, 'notify queue'));
    queues.command.on('error', logRedisErrors(log, 'command queue'));
    closing.push({ name: 'queues', close: () => queues.close(), force: () => undefined });
    const incidents = new IncidentStore(producer, { prefix });
    const runs = new RunStore(producer, { prefix, steps: STEP_NAMES });
    const reports = new ReportStore(producer, { prefix });
    const notify = (request: NotifyRequest, reporters?: readonly ReporterName[]) =>
      enqueueNotify(queues.notify, request, reporters);
    const probot = createProbot({
      appId: config.appId,
      privateKey: config.privateKey.reveal(),
      githubApiUrl: config.githubApiUrl,
      log,
      ...(config.webhookSecret !== undefined ? { webhookSecret: config.webhookSecret.reveal() } : {}),
    });
    if (options.workers?.scan !== false) {
      const worker = startScanWorker({
        connection: workerConnection,
        prefix,
        lockMs: config.jobLockMs,
        deps: {
          // The scans' lane: writes a second apart over every process; the wait for the next
          // slot happens in-process, a longer one parks the job (LaneWaitError). Parking every
          // wait freed the slots sooner but a parked job came back seconds late (BullMQ's delayed
          // promotion), so a pull request's check run and review writes took over 30 s.
          auth: laneClients(
            probot,
            new InstallationLane(producer, {
              prefix,
              lane: 'lane-scans',
              spaceWritesOnly: true,
              maxInlineWaitMs: 1_100,
              waitError: (until, reason) => new LaneWaitError(until, reason),
            }),
            log.child({ name: 'github-scans' }),
          ),
          incidents,
          reports,
          enqueuePlaybook: async (incidentId) => {
            await enqueuePlaybook(queues.playbook, incidentId);
          },
          log: log.child({ name: 'scan' }),
          checkRunReported: async (incidentIds, checkRun) => {
            for (const incidentId of incidentIds) {
              await reports.linkCheckRun(incidentId, checkRun);
              const incident = await incidents.get(incidentId);
              if (incident)
                await notify({
                  incidentId,
                  run: incident.run,
                  revision: incident.revision,
                  trigger: 'scanned',
                });
            }
          },
          cloneUrl: options.cloneUrl ?? cloneUrlFor(config.githubApiUrl),
          apiKeyPrefixes: operatorConfig.apiKeyPrefixes,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        },
      });
      worker.on('error', logRedisErrors(log, 'scan worker'));
      stopping.push(workerClosable('scan worker', worker));
    }
    const installationFor = installationFinder(probot);
    const playbookDeps = createPlaybookDependencies({
      installationFor,
      config,
      operatorConfig,
      probot,
      incidents,
      runs,
      queues,
      log,
      redis: producer,
      prefix,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    if (options.workers?.playbook !== false) {
      const playbookWorker = startPlaybookWorker({
        connection: workerConnection,
        prefix,
        lockMs: config.jobLockMs,
        stalledCheckMs: config.stalledCheckMs,
        deps: playbookDeps,
        requeue: (incidentId) => enqueuePlaybook(queues.playbook, incidentId),
      });
      playbookWorker.on('error', logRedisErrors(log, 'playbook worker'));
      stopping.push(workerClosable('playbook worker', playbookWorker));
    }
    const botLogin = config.appSlug !== undefined ? `${config.appSlug}[bot]` : await resolveBotLogin(probot);
    if (options.workers?.notify !== false) {
      const notifyWorker = startNotifyWorker({
        connection: workerConnection,
        prefix,
        lockMs: config.jobLockMs,
        stalledCheckMs: config.stalledCheckMs,
        deps: createNotifyDependencies({
          installationFor,
          config,
          operatorConfig,
          probot,
          redis: producer,
          prefix,
          incidents,
          runs,
          queues,
          env: options.env,
          log,
          ...(botLogin !== undefined ? { botLogin } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.reportIntervalMs !== undefined ? { reportIntervalMs: options.reportIntervalMs } : {}),
        }),
      });
      notifyWorker.on('error', logRedisErrors(log, 'notify worker'));
      stopping.push(workerClosable('notify worker', notifyWorker));
    }
    if (options.workers?.command !== false) {
      const commandWorker = startCommandWorker({
        connection: workerConnection,
        prefix,
        deps: {
          incidents,
          runs,
          reports,
          playbookQueue: queues.playbook,
          auth: (installationId) => probot.auth(installationId),
          clientFor: playbookDeps.clientFor,
          // The reporters take it from the notify queue, as they take the playbook's reports.
          notify: playbookDeps.notify,
          postAnswer: postCommandAnswer,
          log: log.child({ name: 'command' }),
          responderTeams: operatorConfig.commands.responderTeams,
          now: () => new Date(),
        },
      });
      commandWorker.on('error', logRedisErrors(log, 'command worker'));
      stopping.push(workerClosable('command worker', commandWorker));
    }
    if (options.role === 'worker') return { config, close };

    const deliveries = new DeliveryLedger(producer, { prefix });
    const server = await createReceiver({
      probot,
      deps: {
        // Delivery ids are kept as long as GitHub can redeliver, apart from job retention.
        enqueueScan: async (job) => {
          await enqueueOnce(deliveries, job.deliveryId, () => enqueueScan(queues.scan, job));
        },
        enqueueCommand: async (job) => {
          await enqueueOnce(deliveries, job.deliveryId, () => enqueueCommand(queues.command, job));
        },
        identity: { appId: config.appId, ...(botLogin !== undefined ? { botLogin } : {}) },
      },
      healthy: async () => (await producer.ping().catch(() => '')) === 'PONG',
      ...(options.bodyBudget ? { bodyBudget: options.bodyBudget } : {}),
    });
    // The first webhook after start-up is answered as fast as later ones.
    if (config.webhookSecret !== undefined) await warmUpReceiver(server, config.webhookSecret.reveal());
    server.listen(options.port ?? config.port, config.host);
    await once(server, 'listening');
    stopping.unshift({
      name: 'webhook receiver',
      // Stops listening at once; answers the requests in hand, then the keep-alive sockets go.
      close: () =>
        new Promise((resolve) => {
          server.close(resolve);
          server.closeIdleConnections();
        }),
      force: () => server.closeAllConnections(),
    });
    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    log.info({ port }, 'rootguard is receiving webhooks');
    return { config, url: `http://${host}:${port}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A BullMQ worker: `close()` stops fetching and waits for its running jobs; forcing drops its connections. */
function workerClosable(
  name: string,
  worker: { close(): Promise<void>; disconnect(): Promise<void> },
): Closable {
  return { name, close: () => worker.close(), force: () => void worker.disconnect().catch(() => undefined) };
}

/**
 * Closes the runtime within the shutdown grace (`ROOTGUARD_SHUTDOWN_GRACE_MS`): stop taking work
 * and let running steps finish, close the queues, quit the connections. What is still running when
 * the grace is over is forced (its jobs' locks lapse and another worker takes them over).
 */
async function closeRuntime(
  log: Logger,
  graceMs: number,
  stages: readonly (readonly Closable[])[],
  ...connections: { quit(): Promise<unknown>; disconnect(): void }[]
): Promise<void> {
  const quitting = connections.map((connection) => ({
    name: 'redis connection',
    // ioredis queues `QUIT` while Redis is down: without the grace it would wait for ever.
    close: () => connection.quit().catch(() => connection.disconnect()),
    force: () => connection.disconnect(),
  }));
  const { forced } = await closeWithin([...stages, quitting], graceMs);
  if (forced.length > 0)
    log.warn(
      { forced, graceMs },
      'shutdown grace over: running work given up, its jobs go back to the queue',
    );
}
