import { randomInt } from 'node:crypto';
import { errorFromAnswer, parseErrorEnvelope } from './error-from-response.js';
import { UnkeyResponseError, UnkeyRetryableError } from './errors.js';
import { sendPost } from './send-post.js';

/** What a leaked root key can still do: everything (`live`), nothing until re-enabled (`disabled`), nothing (`dead`). */
export type Liveness = 'live' | 'disabled' | 'dead';

/** How the probe reaches Unkey. */
export interface ProbeLivenessOptions {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly now: () => number;
  /** Random source for the made-up API id. @defaultValue crypto.randomInt */
  readonly randomInt?: (max: number) => number;
}

const OPERATION = 'apis.getApi';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * Asks Unkey whether a leaked root key still works, without acting with it: `apis.getApi` for an
 * API id that does not exist, with the leaked key as bearer and nothing else. 401: dead; 403
 * `key_disabled`: disabled; any other 403 (permissions), 404 or 200: live. 5xx, 429, network:
 * `UnkeyRetryableError`. Unkey caches key lookups for seconds, so a revocation shows up late.
 */
export async function probeLiveness(
  leakedKey: { reveal(): string },
  options: ProbeLivenessOptions,
): Promise<Liveness> {
  const pick = options.randomInt ?? randomInt;
  let apiId = 'api_';
  for (let i = 0; i < 24; i++) apiId += BASE58[pick(BASE58.length)];

  const answer = await sendPost({ ...options, operation: OPERATION, bearer: leakedKey, body: { apiId } });
  const { status } = answer;
  if (status === 401) return 'dead';
  if (status === 403) {
    const { type, detail } = parseErrorEnvelope(answer.body);
    return type?.endsWith('key_disabled') || (detail !== undefined && /disabled/i.test(detail))
      ? 'disabled'
      : 'live';
  }
  if (status === 404 || (status >= 200 && status <= 299)) return 'live';
  const error = errorFromAnswer(OPERATION, answer, { now: options.now(), routeAware: false });
  if (error instanceof UnkeyRetryableError) throw error;
  // 400 and the like: the probe itself is wrong, and no answer tells us about the key.
  throw new UnkeyResponseError(OPERATION, `Liveness probe: ${error.message}`, {
    ...(error.status !== undefined && { status: error.status }),
    ...(error.unkeyType !== undefined && { unkeyType: error.unkeyType }),
    ...(error.requestId !== undefined && { requestId: error.requestId }),
  });
}
