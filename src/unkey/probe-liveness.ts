import { randomInt } from 'node:crypto';
import { maskSecrets } from '../log/mask-secrets.js';
import { errorFromAnswer, parseErrorEnvelope, type ErrorEnvelope } from './error-from-response.js';
import { UnkeyRetryableError } from './errors.js';
import { sendPost } from './send-post.js';

/**
 * What a leaked root key can still do, as Unkey answered the probe:
 * - `live`: it authenticates (2xx, 404 `api_not_found`, 403 `insufficient_permissions`);
 * - `disabled`: 403 `key_disabled`, nothing until someone enables it again;
 * - `dead`: 401 `key_not_found` (unknown, deleted, not a root key), or 403 `forbidden` with
 *   "the key has expired on <time>" (then `expiredAt` holds that time);
 * - `workspace-disabled`: 403 `workspace_disabled`, nothing until the workspace is enabled
 *   again; it says nothing about the key itself, so it is never proof that the key is dead;
 * - `unknown`: any other answer (a `forbidden` for a rate or usage limit, an error type this
 *   probe does not know): neither live nor dead, probe again.
 */
export type LivenessState = 'live' | 'disabled' | 'dead' | 'workspace-disabled' | 'unknown';

/** The probe's reading, with what Unkey said when it was not a plain live/dead answer. */
export interface Liveness {
  readonly state: LivenessState;
  /** An expired key: when it expired (ISO 8601), as Unkey wrote it in the detail. */
  readonly expiredAt?: string;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** Unkey's `error.type`, detail (masked, cut short) and request id, when it sent them. */
  readonly type?: string;
  readonly detail?: string;
  readonly requestId?: string;
}

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
/** Unkey's error detail is kept up to this length: enough to name the answer. */
const MAX_DETAIL_CHARS = 200;
/**
 * Unkey's detail for an expired key (`validation.go`: `the key has expired on %s`, RFC 3339);
 * `status.go` writes "the key has expired" when no time was given.
 */
const EXPIRED_DETAIL = /^the key has expired(?: on (\S+))?\.?$/i;

/**
 * Asks Unkey whether a leaked root key still works, without acting with it: `apis.getApi` for an
 * API id that does not exist, with the leaked key as bearer and nothing else. The answer is read
 * by its error type first, as Unkey's `status.go` writes it (see `LivenessState`); only
 * `forbidden` is read by its detail, because Unkey uses that one type for an expired key, a
 * rate limit, a usage limit and a generic refusal. 5xx, 408, 429, network:
 * `UnkeyRetryableError`. Unkey caches key lookups (fresh 10 s, stale up to 10 min), so a
 * revocation shows up late: callers probe until dead, with a deadline.
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
  if (status >= 200 && status <= 299) return { state: 'live', status };
  const error = errorFromAnswer(OPERATION, answer, { now: options.now(), routeAware: false });
  if (error instanceof UnkeyRetryableError) throw error;
  // A redirect says nothing about the key and means UNKEY_API_URL is wrong: a final error, never followed.
  if (status >= 300 && status <= 399) throw error;
  const envelope = parseErrorEnvelope(answer.body);
  return readAnswer(status, envelope);
}

/** The state an error answer means, by Unkey's error type (and `forbidden`'s detail). */
function readAnswer(status: number, envelope: ErrorEnvelope): Liveness {
  const kind = errorKind(envelope.type);
  const seen: Liveness = {
    state: 'unknown',
    status,
    ...(envelope.type !== undefined && { type: envelope.type }),
    ...(envelope.detail !== undefined && { detail: maskSecrets(envelope.detail.slice(0, MAX_DETAIL_CHARS)) }),
    ...(envelope.requestId !== undefined && { requestId: maskSecrets(envelope.requestId) }),
  };
  if (status === 401 && kind === 'authentication/key_not_found') return { ...seen, state: 'dead' };
  if (status === 404 && kind === 'data/api_not_found') return { ...seen, state: 'live' };
  if (status !== 403) return seen;
  switch (kind) {
    case 'authorization/key_disabled':
      return { ...seen, state: 'disabled' };
    case 'authorization/workspace_disabled':
      return { ...seen, state: 'workspace-disabled' };
    case 'authorization/insufficient_permissions':
      return { ...seen, state: 'live' };
    case 'authorization/forbidden': {
      const expired = EXPIRED_DETAIL.exec(envelope.detail?.trim() ?? '');
      if (!expired) return seen;
      const at = expired[1] === undefined ? Number.NaN : Date.parse(expired[1]);
      return { ...seen, state: 'dead', ...(!Number.isNaN(at) && { expiredAt: new Date(at).toISOString() }) };
    }
    default:
      return seen;
  }
}

/** `authorization/forbidden` of `https://unkey.com/docs/errors/unkey/authorization/forbidden`. */
function errorKind(type: string | undefined): string | undefined {
  const match = type === undefined ? null : /([a-z_]+\/[a-z_]+)\/?$/.exec(type);
  return match?.[1];
}

/** The answer in a few words, for summaries and escalations: `403 forbidden: Rate limit exceeded (request req_…)`. */
export function describeLiveness(liveness: Liveness): string {
  let text = `${liveness.status}`;
  const short = liveness.type?.split('/').pop();
  if (short) text += ` ${short}`;
  if (liveness.detail) text += `: ${liveness.detail}`;
  if (liveness.requestId) text += ` (request ${liveness.requestId})`;
  return text;
}
