import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { JOB_LOCK_MS, STALLED_CHECK_MS } from '../queue/job-lock.js';
import { ConfigSecret } from './config-secret.js';
import { describeValue } from './describe-value.js';
import { ConfigError } from './errors.js';
import { readPrivateKey } from './private-key.js';
import type { RedisAddress } from '../redis/redis-address.js';
import { readStoreConfig } from './store-config.js';

export { DEFAULT_REDIS_URL } from './read-redis-address.js';
export { DEFAULT_PREFIX } from './store-config.js';

/** Which process is starting: `serve` receives webhooks (and runs workers), `worker` only works. */
export type ProcessRole = 'serve' | 'worker';

/** pino's levels. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Start-up configuration, validated and typed once. Secrets are wrapped: they print as `[redacted]`. */
export interface EnvConfig {
  /** `APP_ID`: the GitHub App's numeric id. */
  readonly appId: number;
  /** `PRIVATE_KEY` or the file at `PRIVATE_KEY_PATH`: PEM text with real newlines. */
  readonly privateKey: ConfigSecret;
  /** `WEBHOOK_SECRET`: required for `serve`, absent for `worker`. */
  readonly webhookSecret: ConfigSecret | undefined;
  /**
   * `ROOTGUARD_REDIS_URL` (and `ROOTGUARD_REDIS_CLUSTER=1` for seed nodes of a Redis Cluster).
   * The URLs may hold a password: log them only through the logger's mask.
   * @defaultValue one server at `redis://127.0.0.1:6379`
   */
  readonly redis: RedisAddress;
  /** `GITHUB_API_URL`, without a trailing slash. @defaultValue `https://api.github.com` */
  readonly githubApiUrl: string;
  /** `PORT`. @defaultValue 3000 */
  readonly port: number;
  /** `HOST`. @defaultValue `0.0.0.0` */
  readonly host: string;
  /** `LOG_LEVEL`. @defaultValue `info` */
  readonly logLevel: LogLevel;
  /** `ROOTGUARD_APP_SLUG`: the App's slug, so its own pushes are not scanned. @defaultValue asked from GitHub (`GET /app`) */
  readonly appSlug: string | undefined;
  /**
   * The Redis key prefix of queues and incidents: `ROOTGUARD_PREFIX` (two deployments may share a
   * Redis), written as a hash tag (`{rootguard}`) in a Redis Cluster (`keyPrefixFor`).
   * @defaultValue `rootguard`
   */
  readonly prefix: string;
  /** `UNKEY_API_URL`: the Unkey API, without a trailing slash. @defaultValue `https://api.unkey.com` */
  readonly unkeyApiUrl: string;
  /**
   * `UNKEY_ROOT_KEY`: rootguard's own (responder) root key. Absent, rootguard still starts and the
   * playbook takes the assisted path for every leak, saying that no responder key is set.
   * @defaultValue undefined
   */
  readonly unkeyRootKey: ConfigSecret | undefined;
  /** `ROOTGUARD_CONFIG`: the operator config file (`loadOperatorConfig`). @defaultValue undefined (the defaults) */
  readonly operatorConfigPath: string | undefined;
  /**
   * `ROOTGUARD_JOB_LOCK_MS`: how long a worker's hold on a job lasts without renewal (BullMQ's
   * `lockDuration`, renewed every half of it), so how soon a dead worker's job counts as stalled.
   * An event loop blocked longer than this lets a second worker run the job too (see
   * docs/ARCHITECTURE.md). @defaultValue 5000
   */
  readonly jobLockMs: number;
  /**
   * `ROOTGUARD_STALLED_CHECK_MS`: how often workers look for stalled jobs (BullMQ's
   * `stalledInterval`). A dead worker's job is taken over at most lock + this later. @defaultValue 2500
   */
  readonly stalledCheckMs: number;
  /**
   * `ROOTGUARD_ALLOW_VOLATILE_REDIS=1`: start on a Redis without an append-only file (tests,
   * demos), with a warning, instead of refusing it. @defaultValue false
   */
  readonly allowVolatileRedis: boolean;
  /**
   * `ROOTGUARD_SHUTDOWN_GRACE_MS`: how long SIGTERM waits for running steps to finish and
   * checkpoint before the workers are closed by force (their jobs go back to the queue) and the
   * process exits 0. @defaultValue 10000
   */
  readonly shutdownGraceMs: number;
  // Missed deliveries (the sweeper, src/sweep).
  /**
   * `ROOTGUARD_SWEEP_INTERVAL_MS`: how often the App's webhook delivery log is swept for failed
   * deliveries to redeliver (one sweep per interval across every process; one more at start-up).
   * 0 turns sweeping off. @defaultValue 300000 (5 minutes)
   */
  readonly sweepIntervalMs: number;

  // Observe (issue 16): probes, /metrics and the queue board.
  /** `ROOTGUARD_HEALTH_PORT`: a `worker`'s port for /livez, /readyz and /metrics (0: any free port). @defaultValue 9464 */
  readonly healthPort: number;
  /** `ROOTGUARD_HEALTH_HOST`: where a `worker`'s health port listens. @defaultValue `127.0.0.1` (loopback) */
  readonly healthHost: string;
  /** `ROOTGUARD_ADMIN_TOKEN`: turns Bull Board on at `/admin/queues` on `serve`, behind this token. @defaultValue undefined (off) */
  readonly adminToken: ConfigSecret | undefined;
  /** `ROOTGUARD_ADMIN_WRITE=1`: the board may retry, remove, pause and clean jobs. @defaultValue false (read-only) */
  readonly adminWrite: boolean;

  // Worker settings and incident retention (issue 16, scale-out): one block, here and below.
  /**
   * `ROOTGUARD_WORKERS`: the worker kinds this process runs, comma-separated, or `none` (a
   * `serve` that only receives webhooks). @defaultValue every kind ({@link WORKER_KINDS})
   */
  readonly workers: ReadonlySet<WorkerKind>;
  /**
   * `ROOTGUARD_<KIND>_CONCURRENCY`: jobs of that kind one process works on at once; absent, the
   * worker's own default (scan 4, playbook 8, notify 4, command 4; retention always 1).
   */
  readonly concurrency: Readonly<Partial<Record<ConcurrentWorkerKind, number>>>;
  /**
   * `ROOTGUARD_INCIDENT_RETENTION_DAYS`: how long a finished incident (contained or closed as a
   * false positive) is kept after its last change before the daily retention job archives and
   * removes it. @defaultValue 400
   */
  readonly incidentRetentionDays: number;
  /**
   * `ROOTGUARD_ARCHIVE_DIR`: where the retention job writes the JSON-lines archive of the
   * incidents it removes. Unset, nothing is removed (an incident is never deleted unarchived).
   * @defaultValue undefined
   */
  readonly archiveDir: string | undefined;
}

/** The kinds of worker a process can run (`ROOTGUARD_WORKERS`). */
export const WORKER_KINDS = ['scan', 'playbook', 'notify', 'command', 'retention', 'sweep'] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];
/** The kinds whose concurrency is a setting (the retention job runs alone). */
export const CONCURRENT_WORKER_KINDS = ['scan', 'playbook', 'notify', 'command'] as const;
export type ConcurrentWorkerKind = (typeof CONCURRENT_WORKER_KINDS)[number];
export const DEFAULT_INCIDENT_RETENTION_DAYS = 400;
/** The most jobs of one kind a process may work on at once. */
export const MAX_WORKER_CONCURRENCY = 256;

/** The outside world `loadEnvConfig` touches, injectable for tests. */
export interface LoadEnvConfigOptions {
  /** Reads `PRIVATE_KEY_PATH`. @defaultValue `fs.readFileSync(path, 'utf8')` */
  readonly readFile?: (path: string) => string;
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_UNKEY_API_URL = 'https://api.unkey.com';

const appIdSchema = z
  .string()
  .regex(/^[1-9][0-9]*$/)
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n));
const httpUrlSchema = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));
/** An API URL: https, or plain http to a loopback host only (an emulator, a local proxy). */
const apiUrlSchema = httpUrlSchema.refine((url) => {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname);
});
const portSchema = z
  .string()
  .regex(/^[0-9]{1,5}$/)
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535);
const hostSchema = z.string().regex(/^[A-Za-z0-9.:[\]-]+$/);
const logLevelSchema = z.enum(LOG_LEVELS);
const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/);
export const DEFAULT_JOB_LOCK_MS = JOB_LOCK_MS;
export const DEFAULT_STALLED_CHECK_MS = STALLED_CHECK_MS;
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
// Missed deliveries (the sweeper): every 5 minutes, at least every 10 s, at most every hour, or 0 (off).
export const DEFAULT_SWEEP_INTERVAL_MS = 300_000;
const sweepIntervalSchema = z
  .string()
  .regex(/^[0-9]{1,7}$/)
  .transform(Number)
  .refine((n) => n === 0 || (n >= 10_000 && n <= 3_600_000));

export const DEFAULT_HEALTH_PORT = 9464;
export const DEFAULT_HEALTH_HOST = '127.0.0.1';
/** The admin token: 16 to 256 printable ASCII characters without spaces or quotes (long enough not to be guessed). */
const adminTokenSchema = z.string().regex(/^[\x21\x23-\x26\x28-\x7e]{16,256}$/);
/** A duration setting: whole milliseconds from `min` to 10 minutes. */
const millisecondsSchema = (min: number) =>
  z
    .string()
    .regex(/^[0-9]{1,6}$/)
    .transform(Number)
    .refine((n) => n >= min && n <= 600_000);
// A bearer token: one word of printable ASCII, no quotes. Its format is Unkey's business (it has changed before).
const unkeyRootKeySchema = z.string().regex(/^[\x21\x23-\x26\x28-\x7e]{1,512}$/);

/**
 * Reads rootguard's settings from the environment. A missing or malformed setting throws a
 * `ConfigError` whose message is one sentence naming the variable and the fix; secret values
 * (`PRIVATE_KEY`, `WEBHOOK_SECRET`, the Redis URL's password) are never echoed.
 */
export function loadEnvConfig(
  env: NodeJS.ProcessEnv,
  role: ProcessRole,
  options: LoadEnvConfigOptions = {},
): EnvConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const appIdRaw = read('APP_ID');
  if (appIdRaw === undefined)
    throw new ConfigError(
      'config-missing',
      'APP_ID',
      "APP_ID must be set to the numeric App ID from the GitHub App's settings page.",
    );
  const appId = check(
    appIdSchema,
    appIdRaw,
    'APP_ID',
    `APP_ID must be the numeric App ID from the GitHub App's settings page; ${describeValue(appIdRaw)}.`,
  );
  const privateKey = readPrivateKey({
    inline: read('PRIVATE_KEY'),
    path: read('PRIVATE_KEY_PATH'),
    readFile: options.readFile ?? ((path) => readFileSync(path, 'utf8')),
  });
  const webhookSecret = read('WEBHOOK_SECRET');
  if (role === 'serve' && webhookSecret === undefined)
    throw new ConfigError(
      'config-missing',
      'WEBHOOK_SECRET',
      "WEBHOOK_SECRET must be set to the webhook secret entered in the GitHub App's settings (`rootguard serve` checks every delivery's signature with it).",
    );
  const { redis, prefix } = readStoreConfig(read);
  const apiRaw = read('GITHUB_API_URL') ?? DEFAULT_GITHUB_API_URL;
  const githubApiUrl = check(
    apiUrlSchema,
    apiRaw,
    'GITHUB_API_URL',
    `GITHUB_API_URL must be an https URL of the GitHub REST API, such as ${DEFAULT_GITHUB_API_URL} or https://HOST/api/v3 for GitHub Enterprise Server (plain http only for a loopback host); the value set ${describeUrl(apiRaw)}.`,
  );
  const portRaw = read('PORT');
  const port =
    portRaw === undefined
      ? DEFAULT_PORT
      : check(
          portSchema,
          portRaw,
          'PORT',
          `PORT must be a TCP port number from 1 to 65535; ${describeValue(portRaw)}.`,
        );
  const hostRaw = read('HOST') ?? DEFAULT_HOST;
  const host = check(
    hostSchema,
    hostRaw,
    'HOST',
    `HOST must be an address or host name to listen on, such as 0.0.0.0 or 127.0.0.1; ${describeValue(hostRaw)}.`,
  );
  const levelRaw = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  const logLevel = check(
    logLevelSchema,
    levelRaw,
    'LOG_LEVEL',
    `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; ${describeValue(levelRaw)}.`,
  );
  const slugRaw = read('ROOTGUARD_APP_SLUG');
  const appSlug =
    slugRaw === undefined
      ? undefined
      : check(
          slugSchema,
          slugRaw,
          'ROOTGUARD_APP_SLUG',
          `ROOTGUARD_APP_SLUG must be the App's slug as in its URL (github.com/apps/SLUG): lower-case letters, digits and dashes; ${describeValue(slugRaw)}.`,
        );
  const unkeyRaw = read('UNKEY_API_URL') ?? DEFAULT_UNKEY_API_URL;
  const unkeyApiUrl = check(
    apiUrlSchema,
    unkeyRaw,
    'UNKEY_API_URL',
    `UNKEY_API_URL must be an https URL of the Unkey API, such as ${DEFAULT_UNKEY_API_URL} (plain http only for a loopback host); the value set ${describeUrl(unkeyRaw)}.`,
  );
  const rootKeyRaw = read('UNKEY_ROOT_KEY');
  const unkeyRootKey =
    rootKeyRaw === undefined
      ? undefined
      : check(
          unkeyRootKeySchema,
          rootKeyRaw,
          'UNKEY_ROOT_KEY',
          // Never echo it: it is a root key.
          "UNKEY_ROOT_KEY must be rootguard's own Unkey root key, one word without spaces or quotes as the Unkey dashboard shows it; unset it to run the playbook in assisted mode.",
        );
  const milliseconds = (name: string, fallback: number, min: number): number => {
    const raw = read(name) ?? String(fallback);
    return check(
      millisecondsSchema(min),
      raw,
      name,
      `${name} must be a number of milliseconds from ${min} to 600000; ${describeValue(raw)}.`,
    );
  };
  const jobLockMs = milliseconds('ROOTGUARD_JOB_LOCK_MS', DEFAULT_JOB_LOCK_MS, 1_000);
  const shutdownGraceMs = milliseconds('ROOTGUARD_SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS, 0);
  const stalledCheckMs = milliseconds('ROOTGUARD_STALLED_CHECK_MS', DEFAULT_STALLED_CHECK_MS, 1_000);
  // Missed deliveries (the sweeper).
  const sweepRaw = read('ROOTGUARD_SWEEP_INTERVAL_MS') ?? String(DEFAULT_SWEEP_INTERVAL_MS);
  const sweepIntervalMs = check(
    sweepIntervalSchema,
    sweepRaw,
    'ROOTGUARD_SWEEP_INTERVAL_MS',
    `ROOTGUARD_SWEEP_INTERVAL_MS must be a number of milliseconds from 10000 to 3600000 between two sweeps of missed webhook deliveries, or 0 to turn sweeping off; ${describeValue(sweepRaw)}.`,
  );
  const volatileRaw = read('ROOTGUARD_ALLOW_VOLATILE_REDIS') ?? '0';
  if (volatileRaw !== '0' && volatileRaw !== '1')
    throw new ConfigError(
      'config-invalid',
      'ROOTGUARD_ALLOW_VOLATILE_REDIS',
      `ROOTGUARD_ALLOW_VOLATILE_REDIS must be 1 (accept a Redis without an append-only file) or 0; ${describeValue(volatileRaw)}.`,
    );
  // Observe (issue 16): probes, /metrics and the queue board.
  const healthPortRaw = read('ROOTGUARD_HEALTH_PORT');
  const healthPort =
    healthPortRaw === undefined
      ? DEFAULT_HEALTH_PORT
      : healthPortRaw === '0'
        ? 0
        : check(
            portSchema,
            healthPortRaw,
            'ROOTGUARD_HEALTH_PORT',
            `ROOTGUARD_HEALTH_PORT must be a TCP port number from 1 to 65535 (a worker's /livez, /readyz and /metrics), or 0 for any free port (logged at start); ${describeValue(healthPortRaw)}.`,
          );
  const healthHostRaw = read('ROOTGUARD_HEALTH_HOST') ?? DEFAULT_HEALTH_HOST;
  const healthHost = check(
    hostSchema,
    healthHostRaw,
    'ROOTGUARD_HEALTH_HOST',
    `ROOTGUARD_HEALTH_HOST must be an address or host name to listen on, such as 127.0.0.1 (the default) or 0.0.0.0 for a scraper on another host; ${describeValue(healthHostRaw)}.`,
  );
  const adminTokenRaw = read('ROOTGUARD_ADMIN_TOKEN');
  const adminToken =
    adminTokenRaw === undefined
      ? undefined
      : check(
          adminTokenSchema,
          adminTokenRaw,
          'ROOTGUARD_ADMIN_TOKEN',
          // Never echo it: it opens the queue board.
          'ROOTGUARD_ADMIN_TOKEN must be 16 to 256 characters without spaces or quotes (e.g. `openssl rand -base64 32`); unset it to keep the queue board off.',
        );
  const adminWriteRaw = read('ROOTGUARD_ADMIN_WRITE') ?? '0';
  if (adminWriteRaw !== '0' && adminWriteRaw !== '1')
    throw new ConfigError(
      'config-invalid',
      'ROOTGUARD_ADMIN_WRITE',
      `ROOTGUARD_ADMIN_WRITE must be 1 (the queue board may retry, remove, pause and clean jobs) or 0 (read-only); ${describeValue(adminWriteRaw)}.`,
    );

  const scaleOut = readScaleOutSettings(read);
  return {
    appId,
    privateKey: new ConfigSecret(privateKey),
    webhookSecret: webhookSecret === undefined ? undefined : new ConfigSecret(webhookSecret),
    redis,
    githubApiUrl,
    port,
    host,
    logLevel,
    appSlug,
    prefix,
    unkeyApiUrl,
    unkeyRootKey: unkeyRootKey === undefined ? undefined : new ConfigSecret(unkeyRootKey),
    operatorConfigPath: read('ROOTGUARD_CONFIG'),
    jobLockMs,
    stalledCheckMs,
    allowVolatileRedis: volatileRaw === '1',
    shutdownGraceMs,
    sweepIntervalMs,
    healthPort,
    healthHost,
    adminToken: adminToken === undefined ? undefined : new ConfigSecret(adminToken),
    adminWrite: adminWriteRaw === '1',
    ...scaleOut,
  };
}

/** The worker and retention settings (issue 16, scale-out), each refused with one sentence. */
function readScaleOutSettings(
  read: (name: string) => string | undefined,
): Pick<EnvConfig, 'workers' | 'concurrency' | 'incidentRetentionDays' | 'archiveDir'> {
  const workersRaw = read('ROOTGUARD_WORKERS');
  const workerList = WORKER_KINDS.join(', ');
  let workers: ReadonlySet<WorkerKind> = new Set(WORKER_KINDS);
  if (workersRaw !== undefined && workersRaw.toLowerCase() === 'none') workers = new Set();
  else if (workersRaw !== undefined) {
    const names = workersRaw.split(',').map((name) => name.trim().toLowerCase());
    const unknown = names.filter((name) => !(WORKER_KINDS as readonly string[]).includes(name));
    if (unknown.length > 0 || names.length === 0)
      throw new ConfigError(
        'config-invalid',
        'ROOTGUARD_WORKERS',
        // Never echo the names: a secret pasted into the wrong variable must not reach the logs.
        `ROOTGUARD_WORKERS must be \`none\` or a comma-separated list of ${workerList}; ${describeValue(workersRaw)}.`,
      );
    workers = new Set(names as WorkerKind[]);
  }
  const concurrency: Partial<Record<ConcurrentWorkerKind, number>> = {};
  for (const kind of CONCURRENT_WORKER_KINDS) {
    const name = `ROOTGUARD_${kind.toUpperCase()}_CONCURRENCY`;
    const raw = read(name);
    if (raw === undefined) continue;
    concurrency[kind] = check(
      wholeNumberSchema(1, MAX_WORKER_CONCURRENCY),
      raw,
      name,
      `${name} must be a whole number from 1 to ${MAX_WORKER_CONCURRENCY} (${kind} jobs worked on at once in this process); ${describeValue(raw)}.`,
    );
  }
  const retentionRaw = read('ROOTGUARD_INCIDENT_RETENTION_DAYS');
  const incidentRetentionDays =
    retentionRaw === undefined
      ? DEFAULT_INCIDENT_RETENTION_DAYS
      : check(
          wholeNumberSchema(1, 36_500),
          retentionRaw,
          'ROOTGUARD_INCIDENT_RETENTION_DAYS',
          `ROOTGUARD_INCIDENT_RETENTION_DAYS must be a whole number of days from 1 to 36500 (how long a finished incident is kept); ${describeValue(retentionRaw)}.`,
        );
  const archiveDir = read('ROOTGUARD_ARCHIVE_DIR');
  if (archiveDir !== undefined && (!isAbsolute(archiveDir) || archiveDir.includes('\0')))
    throw new ConfigError(
      'config-invalid',
      'ROOTGUARD_ARCHIVE_DIR',
      'ROOTGUARD_ARCHIVE_DIR must be an absolute directory path (where removed incidents are archived); the value set is not one.',
    );
  return { workers, concurrency, incidentRetentionDays, archiveDir };
}

/** A whole number from `min` to `max`, written plainly (no sign, no exponent). */
const wholeNumberSchema = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,6}$/)
    .transform(Number)
    .refine((n) => n >= min && n <= max);

function check<T>(schema: z.ZodType<T, string>, raw: string, field: string, message: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ConfigError('config-invalid', field, message);
  return result.data;
}

/**
 * What is wrong with a URL, naming its scheme only (the rest may carry a password), and whether
 * its host is loopback (plain http is refused for any other host).
 */
function describeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const where =
      url.protocol === 'http:' && !isLoopbackHost(url.hostname) ? ' for a host that is not loopback' : '';
    return `uses ${JSON.stringify(url.protocol)}${where}`;
  } catch {
    return 'is not a URL';
  }
}

/** `localhost`, 127.0.0.0/8 or ::1: where plain http never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.(?:[0-9]{1,3}\.){2}[0-9]{1,3}$/.test(host);
}
