import { errorFromAnswer } from './error-from-response.js';
import { UnkeyResponseError, UnkeyRetryableError } from './errors.js';
import { sendPost } from './send-post.js';
import type { UnkeyTransport } from './unkey-transport.js';

/** Which upcoming routes this Unkey server has. Without them, the playbook takes the assisted path. */
export interface UnkeyCapabilities {
  /** `rootKeys.listKeys` (and with it rerollKey and deleteKey, which ship together). */
  readonly rootKeys: boolean;
  /** `audit.getLogs`. */
  readonly auditLogs: boolean;
}

/** How long a detection holds: a deploy can add the routes, but not every few seconds. */
export const CAPABILITIES_TTL_MS = 10 * 60_000;

/** Per Unkey server (base URL): shared by every client of this process. */
const cache = new Map<string, { readonly capabilities: UnkeyCapabilities; readonly at: number }>();

/** Forgets every cached detection (for tests). */
export function forgetCapabilities(): void {
  cache.clear();
}

/** How capability detection reaches Unkey: with rootguard's own responder key. */
export type DetectCapabilitiesOptions = UnkeyTransport;

/**
 * Detects the upcoming routes by asking each for one item. Both have no resource in the path, so
 * a 404 can only mean the route is missing; 200, 400, 401 and 403 mean it exists (we may lack a
 * permission, which the call itself will report). 5xx, 429 and network errors throw
 * `UnkeyRetryableError` and nothing is cached.
 */
export async function detectCapabilities(options: DetectCapabilitiesOptions): Promise<UnkeyCapabilities> {
  const cached = cache.get(options.baseUrl);
  if (cached && options.now() - cached.at < CAPABILITIES_TTL_MS) return cached.capabilities;

  const [rootKeys, auditLogs] = await Promise.all([
    routeExists('rootKeys.listKeys', options),
    routeExists('audit.getLogs', options),
  ]);
  const capabilities = { rootKeys, auditLogs };
  cache.set(options.baseUrl, { capabilities, at: options.now() });
  return capabilities;
}

async function routeExists(operation: string, options: DetectCapabilitiesOptions): Promise<boolean> {
  const answer = await sendPost({ ...options, operation, bearer: options.rootKey, body: { limit: 1 } });
  if (answer.status === 404) return false;
  if ([200, 400, 401, 403].includes(answer.status)) return true;
  const error = errorFromAnswer(operation, answer, { now: options.now(), routeAware: false });
  if (error instanceof UnkeyRetryableError) throw error;
  throw new UnkeyResponseError(operation, `Capability check: ${error.message}`, { status: answer.status });
}
