import { maskSecrets } from '../log/mask-secrets.js';
import {
  RouteUnavailableError,
  UnkeyRequestError,
  UnkeyResponseError,
  UnkeyRetryableError,
  type UnkeyError,
  type UnkeyErrorDetails,
} from './errors.js';

/** Unkey's error detail is shown up to this length: enough to act on, not a whole body. */
const MAX_DETAIL_CHARS = 300;

/** The parts of Unkey's error envelope (`{ meta: { requestId }, error: { type, detail, ... } }`) we use. */
export interface ErrorEnvelope {
  readonly type?: string;
  readonly detail?: string;
  readonly requestId?: string;
}

/** Reads Unkey's error envelope from a body, field by field: whatever is missing stays undefined. */
export function parseErrorEnvelope(body: string): ErrorEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  const root = asRecord(parsed);
  const error = asRecord(root?.['error']);
  const meta = asRecord(root?.['meta']);
  const envelope: { type?: string; detail?: string; requestId?: string } = {};
  if (typeof error?.['type'] === 'string') envelope.type = error['type'];
  if (typeof error?.['detail'] === 'string') envelope.detail = error['detail'];
  if (typeof meta?.['requestId'] === 'string') envelope.requestId = meta['requestId'];
  return envelope;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (relative to `now`). Undefined
 * when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Whether a 404's `error.type` says "this route does not exist" rather than "this resource does
 * not exist". A resource not-found is a `/data/` (or `/resource/`) type or ends in `_not_found`;
 * `route_not_found` and anything else (no envelope, a proxy's page) mean the route is missing.
 */
export function isRouteNotFound(unkeyType: string | undefined): boolean {
  if (unkeyType === undefined) return true;
  if (unkeyType.endsWith('route_not_found')) return true;
  const isResource =
    unkeyType.includes('/data/') || unkeyType.includes('/resource/') || unkeyType.endsWith('_not_found');
  return !isResource;
}

/** An answer of Unkey as read off the wire: status, headers and body text. */
export interface UnkeyAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * The typed error for a non-2xx answer. With `routeAware`, a 404 whose type is not a resource
 * not-found becomes `RouteUnavailableError` (for the upcoming routes, which may not be deployed).
 */
export function errorFromAnswer(
  operation: string,
  answer: UnkeyAnswer,
  options: { now: number; routeAware: boolean },
): UnkeyError {
  const envelope = parseErrorEnvelope(answer.body);
  const details: UnkeyErrorDetails = {
    status: answer.status,
    ...(envelope.type !== undefined && { unkeyType: envelope.type }),
    ...(envelope.requestId !== undefined && { requestId: envelope.requestId }),
  };
  const message = describe(operation, answer.status, envelope);
  const { status } = answer;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), options.now);
    return new UnkeyRetryableError('rate-limited', operation, message, {
      ...details,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }
  if (status >= 500 || status === 408)
    return new UnkeyRetryableError('server-error', operation, message, details);
  if (status === 404 && options.routeAware && isRouteNotFound(envelope.type)) {
    return new RouteUnavailableError(
      operation,
      `${message} (the route is not available on this server)`,
      details,
    );
  }
  if (status >= 400) return new UnkeyRequestError(requestCode(status), operation, message, details);
  if (status >= 300)
    return new UnkeyResponseError(
      operation,
      `${message}, a redirect: rootguard follows none (the request would carry its key elsewhere); check UNKEY_API_URL`,
      details,
    );
  return new UnkeyResponseError(operation, message, details);
}

function requestCode(
  status: number,
): 'bad-request' | 'unauthorized' | 'forbidden' | 'not-found' | 'request-rejected' {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    default:
      return 'request-rejected';
  }
}

/** "Unkey keys.getKey answered 404 key_not_found: <masked detail> (request req_…)". No body, no bearer. */
function describe(operation: string, status: number, envelope: ErrorEnvelope): string {
  const shortType = envelope.type?.split('/').pop();
  let message = `Unkey ${operation} answered ${status}`;
  if (shortType) message += ` ${shortType}`;
  if (envelope.detail) message += `: ${maskSecrets(envelope.detail.slice(0, MAX_DETAIL_CHARS))}`;
  if (envelope.requestId) message += ` (request ${maskSecrets(envelope.requestId)})`;
  return message;
}

/** A fetch that threw: our timeout, or the network. Both may pass, so both are retryable. */
export function errorFromFetchFailure(
  operation: string,
  error: unknown,
  timeoutMs: number,
): UnkeyRetryableError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') {
    return new UnkeyRetryableError(
      'timeout',
      operation,
      `Unkey ${operation} did not answer within ${timeoutMs} ms`,
    );
  }
  // The cause's own message may name the host or the socket error, never the request: keep its name only.
  const code = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
  const cause = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
  return new UnkeyRetryableError(
    'network-error',
    operation,
    `Unkey ${operation} could not be reached: ${name || 'network error'}${cause}`,
  );
}
