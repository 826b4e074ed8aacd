import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/env-config.js';
import { maskSecrets } from './mask-secrets.js';

/** Paths pino replaces before serializing: credentials in objects we log (headers, options). */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers.authorization',
  '*.request.headers.authorization',
  '*.authorization',
  '*.privateKey',
  '*.webhookSecret',
  '*.token',
  '*.secret',
  '*.password',
];

/** Options of `createLogger`. */
export interface CreateLoggerOptions {
  /** @defaultValue `info` */
  readonly level?: LogLevel;
  /** Where lines go (tests pass a capture). @defaultValue standard output */
  readonly destination?: DestinationStream;
  /** @defaultValue `rootguard` */
  readonly name?: string;
}

/**
 * The one logger of the app (Probot takes it as its `log` option). Two layers: `redact` for
 * credential fields, then `maskSecrets` on every line as written, so a key that slipped into a
 * message, a nested field or an error's stack is masked whatever path it took.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'rootguard',
      level: options.level ?? 'info',
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      hooks: { streamWrite: (line) => maskSecrets(line) },
    },
    options.destination ?? pino.destination(1),
  );
}
