import type { Logger } from 'pino';
import { loadEnvConfig } from '../../config/env-config.js';
import { loadOperatorConfig } from '../../config/load-operator-config.js';
import { createProbot } from '../../app/create-probot.js';
import { createDetector } from '../../detect/create-detector.js';
import { recoverKey } from '../../detect/recover-key.js';
import { scanBytes } from '../../detect/scan-bytes.js';
import type { Secret } from '../../detect/secret.js';
import { IncidentStore } from '../../incidents/incident-store.js';
import type { StepRecord } from '../../incidents/step-record.js';
import { RunStore } from '../../incidents/run-store.js';
import { STEP_NAMES } from '../../playbook/step-names.js';
import { createLogger } from '../../log/create-logger.js';
import { deliverReplacement } from '../../playbook/deliver-replacement.js';
import { createQueues } from '../../queue/queues.js';
import { createRedisConnection } from '../../queue/redis-connection.js';
import { CliError } from '../errors.js';
import { createPlaybookDependencies } from './create-playbook-deps.js';
import { logRedisErrors } from './log-redis-errors.js';
import { requireReadyRedis } from './require-ready-redis.js';

/** A pasted key is a line; anything longer is not one key. */
const MAX_STDIN_BYTES = 4_096;

/** Options of {@link deliverFromStdin}. */
export interface DeliverOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: AsyncIterable<Uint8Array | string>;
  readonly incidentId: string;
  readonly log?: Logger;
  readonly prefix?: string;
  readonly fetch?: typeof fetch;
}

/**
 * `rootguard deliver`: reads the replacement root key from stdin (never from an argument, which
 * shells keep in their history), checks it, and seals and sets it like the automatic path.
 */
export async function deliverFromStdin(options: DeliverOptions): Promise<StepRecord> {
  const key = await readOneKey(options.stdin);
  const config = loadEnvConfig(options.env, 'worker');
  const operatorConfig = loadOperatorConfig(options.env);
  const log = options.log ?? createLogger({ name: 'deliver', level: config.logLevel });
  const prefix = options.prefix ?? config.prefix;
  const redis = createRedisConnection(config.redis, 'producer', {
    onError: logRedisErrors(log, 'deliver'),
  });
  try {
    await requireReadyRedis(redis, config, log);
    const queues = createQueues({ connection: redis, prefix });
    try {
      const incidents = new IncidentStore(redis, { prefix });
      const probot = createProbot({
        appId: config.appId,
        privateKey: config.privateKey.reveal(),
        githubApiUrl: config.githubApiUrl,
        log,
      });
      const deps = createPlaybookDependencies({
        config,
        operatorConfig,
        probot,
        incidents,
        runs: new RunStore(redis, { prefix, steps: STEP_NAMES }),
        queues,
        log,
        redis,
        prefix,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      return await deliverReplacement(deps, queues.playbook, options.incidentId, key).catch(
        (error: unknown) => {
          if (error instanceof Error && (error.name === 'DeliverError' || error.name === 'PlaybookError'))
            throw new CliError('deliver-refused', error.message);
          throw error;
        },
      );
    } finally {
      await queues.close();
    }
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function readOneKey(stdin: AsyncIterable<Uint8Array | string>): Promise<Secret> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_STDIN_BYTES)
      throw new CliError('bad-key', 'stdin holds more than one key; pipe in the new root key alone.');
    chunks.push(bytes);
  }
  const bytes = Buffer.concat(chunks);
  const detector = createDetector();
  const found = scanBytes(detector, bytes, 'stdin').filter((f) => f.ruleId !== 'unkey-api-key');
  const fingerprints = [...new Set(found.map((f) => f.fingerprint))];
  if (fingerprints.length !== 1)
    throw new CliError(
      'bad-key',
      fingerprints.length === 0
        ? 'stdin holds no Unkey root key; pipe in the new root key (e.g. `pbpaste | rootguard deliver --incident ID`).'
        : 'stdin holds more than one root key; pipe in the new root key alone.',
    );
  const key = recoverKey(detector, bytes, fingerprints[0] as string);
  bytes.fill(0);
  if (!key) throw new CliError('bad-key', 'The root key on stdin could not be read.');
  return key;
}
