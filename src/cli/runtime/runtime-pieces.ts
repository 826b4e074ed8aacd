import type { RedisClient } from '../../redis/redis-client.js';
import type { Logger } from 'pino';
import type { Probot } from 'probot';
import { createProbot } from '../../app/create-probot.js';
import { serializeWebhookError } from '../../log/serialize-webhook-error.js';
import type { EnvConfig } from '../../config/env-config.js';
import type { OperatorConfig } from '../../config/operator-config.js';
import { IncidentStore } from '../../incidents/incident-store.js';
import { ReportStore } from '../../incidents/report-store.js';
import { RunStore } from '../../incidents/run-store.js';
import { STEP_NAMES, type StepName } from '../../playbook/step-names.js';
import type { RootguardQueues } from '../../queue/queues.js';
import { installationFinder } from './installation-finder.js';

/**
 * What every worker's dependencies are made from, one of each per process: each
 * `create-<worker>-deps.ts` takes the pieces it needs (a `Pick` of these) and returns that
 * worker's dependency object.
 */
export interface RuntimePieces {
  readonly config: EnvConfig;
  readonly operatorConfig: OperatorConfig;
  /** The process environment (Slack webhook URLs are read by name from it). */
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  /** The producer connection: queues, stores, GitHub lanes and gates. */
  readonly redis: RedisClient;
  /** BullMQ and incident key prefix. */
  readonly prefix: string;
  readonly queues: RootguardQueues;
  readonly incidents: IncidentStore;
  readonly runs: RunStore<StepName>;
  readonly reports: ReportStore;
  /** The App: its JWT client, installation clients and the webhook middleware. */
  readonly probot: Probot;
  /** Finds installation ids, cached: one per process, so the playbook and the reporters share it. */
  readonly installationFor: (ownerOrRepo: string) => Promise<number>;
  /** Downloads of log links. @defaultValue global fetch */
  readonly fetch?: typeof fetch;
}

/** What {@link createRuntimePieces} builds on (the runtime opens and closes them). */
export type RuntimePiecesOptions = Pick<
  RuntimePieces,
  'config' | 'operatorConfig' | 'env' | 'log' | 'redis' | 'prefix' | 'queues' | 'fetch'
>;

/** The stores, the App and its installation finder, on the runtime's Redis and configuration. */
export function createRuntimePieces(options: RuntimePiecesOptions): RuntimePieces {
  const { config, redis, prefix } = options;
  const probot = createProbot({
    appId: config.appId,
    privateKey: config.privateKey.reveal(),
    githubApiUrl: config.githubApiUrl,
    // The App's own logger: the receiver's (Probot's children below it keep this name). Its
    // errors name a failed delivery by id, never copy its payload.
    log: options.log.child({ name: 'receiver' }, { serializers: { err: serializeWebhookError } }),
    ...(config.webhookSecret !== undefined ? { webhookSecret: config.webhookSecret.reveal() } : {}),
  });
  return {
    ...options,
    incidents: new IncidentStore(redis, { prefix }),
    runs: new RunStore(redis, { prefix, steps: STEP_NAMES }),
    reports: new ReportStore(redis, { prefix }),
    probot,
    installationFor: installationFinder(probot),
  };
}
