import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/env-config.js';
import { createDetector } from '../detect/create-detector.js';
import { keepComponentName } from './keep-component-name.js';
import { defaultMaskDetector, maskSecrets } from './mask-secrets.js';

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
  /**
   * The `name` of lines logged on this logger itself. Each component logs through a child named
   * after it (`log.child({ name: 'scan' })`), and every line keeps one `name` key: the component's
   * (`keepComponentName`). @defaultValue `rootguard`
   */
  readonly name?: string;
  /**
   * Customer API key prefixes (the operator config's `apiKeyPrefixes`) whose keys every line
   * masks too, as the scanner finds them. @defaultValue [] (root keys only)
   */
  readonly apiKeyPrefixes?: readonly string[];
}

/**
 * The one logger of the app (Probot takes it as its `log` option). Two layers: `redact` for
 * credential fields, then `maskSecrets` on every line as written, so a key that slipped into a
 * message, a nested field or an error's stack is masked whatever path it took, plainly written
 * or encoded, with the scanner's own detector (its prefilter makes a line without a key cheap).
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const prefixes = options.apiKeyPrefixes ?? [];
  const detector = prefixes.length > 0 ? createDetector({ apiKeyPrefixes: prefixes }) : defaultMaskDetector();
  return pino(
    {
      name: options.name ?? 'rootguard',
      level: options.level ?? 'info',
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      hooks: { streamWrite: (line) => maskSecrets(keepComponentName(line), detector) },
    },
    options.destination ?? pino.destination(1),
  );
}
