import { access, open, rename, rm } from 'node:fs/promises';
import { pino, type Logger } from 'pino';
import { loadStoreConfig } from '../../config/store-config.js';
import { exportIncidents } from '../../incidents/export-incidents.js';
import { createLogger } from '../../log/create-logger.js';
import { STEP_NAMES } from '../../playbook/step-names.js';
import { waitForRedisReady, REDIS_READY_TIMEOUT_MS } from '../../queue/check-redis.js';
import { createRedisConnection } from '../../queue/redis-connection.js';
import type { TextSink } from '../cli-io.js';
import { CliError } from '../errors.js';
import { logRedisErrors } from './log-redis-errors.js';

/** Options of {@link exportIncidentsTo}: `out` (a new file) or `stdout`. */
export interface ExportIncidentsToOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly since: Date;
  readonly until?: Date;
  /** A file that must not exist yet: written whole (mode 0600) or not at all. */
  readonly out?: string;
  readonly stdout?: TextSink;
  readonly log?: Logger;
  /** @defaultValue `ROOTGUARD_PREFIX` */
  readonly prefix?: string;
}

/**
 * `rootguard incidents export`: reads the incidents created in the window from Redis and writes
 * one JSON line each, to stdout or to a new file (through a `.partial` file renamed when whole, so
 * a failed export leaves no truncated archive). Returns how many it wrote. Read-only on Redis.
 */
export async function exportIncidentsTo(options: ExportIncidentsToOptions): Promise<number> {
  // Redis and the prefix only: an export needs no App id or private key.
  const config = loadStoreConfig(options.env);
  // Logs (Redis connection errors) go to stderr: stdout carries the export's lines.
  const log = options.log ?? createLogger({ level: 'warn', destination: pino.destination(2) });
  const prefix = options.prefix ?? config.prefix;
  // A worker connection (commands wait for the connection; the wait below is bounded): a
  // producer's refuses the handshake's first command while it connects.
  const redis = createRedisConnection(config.redis, 'worker', {
    onError: logRedisErrors(log, 'incidents export'),
  });
  const partial = options.out === undefined ? undefined : `${options.out}.partial`;
  try {
    if (options.out !== undefined && (await exists(options.out)))
      throw new CliError('write-failed', `${options.out} already exists; choose a new file for the export.`);
    const file =
      partial === undefined
        ? undefined
        : await open(partial, 'wx', 0o600).catch((error: unknown) => {
            throw new CliError('write-failed', `${partial} cannot be created (${codeOf(error)}).`);
          });
    let count = 0;
    try {
      await waitForRedisReady(redis, REDIS_READY_TIMEOUT_MS);
      const lines = exportIncidents(redis, {
        prefix,
        since: options.since,
        ...(options.until ? { until: options.until } : {}),
        steps: STEP_NAMES,
      });
      for await (const line of lines) {
        if (file) await file.write(`${line}\n`);
        else options.stdout?.write(`${line}\n`);
        count += 1;
      }
      if (file) await file.sync();
    } catch (error) {
      if (file) {
        await file.close().catch(() => undefined);
        await rm(partial as string, { force: true });
      }
      throw error;
    }
    if (file) {
      await file.close();
      await rename(partial as string, options.out as string);
    }
    return count;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
