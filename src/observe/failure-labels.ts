import { statusLabel, type Upstream } from './label-sets.js';

/**
 * The error codes a failure is counted under. They are the stable codes of rootguard's errors
 * (`src/github/errors.ts`, `src/unkey/errors.ts`, the notify waits) and Node's network codes;
 * anything else is counted by its HTTP status, or as `other`.
 */
const FAILURE_CODES: ReadonlySet<string> = new Set([
  // src/unkey/errors.ts
  'server-error',
  'rate-limited',
  'network-error',
  'timeout',
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'request-rejected',
  'invalid-request',
  'route-unavailable',
  'unreadable-response',
  // src/github/errors.ts
  'no-log-link',
  'log-download-failed',
  'log-link-refused',
  'lane-wait',
  // Node's network errors
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Error names by the upstream that raised them (`cleanError` keeps the name, code and status). */
const UPSTREAM_BY_NAME: ReadonlyArray<readonly [RegExp, Upstream]> = [
  [/^(Unkey|RouteUnavailable)/, 'unkey'],
  [/^Slack/, 'slack'],
  [/^(GitHub|HttpError|RequestError|LaneWait|Octokit)/, 'github'],
  [/^(Redis|ReplyError|MaxRetriesPerRequest|QueueUnavailable)/, 'redis'],
];

/** The labels a job failure is counted under: which upstream failed, and why (closed sets). */
export interface FailureLabels {
  readonly upstream: Upstream;
  readonly reason: string;
}

/**
 * Reads an error's name, `code` and `status` (never its message) into closed-set labels. A
 * reporter's `ReportRefused` (an answer that will not change: a Slack webhook gone, a 4xx from
 * GitHub) is reason `refused`, from `refusedBy` (the upstream the reporter talks to).
 */
export function failureLabels(error: unknown, refusedBy?: Upstream): FailureLabels {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const name = typeof fields['name'] === 'string' ? fields['name'] : '';
  if (name === 'ReportRefused' && refusedBy !== undefined) return { upstream: refusedBy, reason: 'refused' };
  const upstream = UPSTREAM_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? 'internal';
  const code = fields['code'];
  const status = fields['status'];
  const reason =
    typeof code === 'string' && FAILURE_CODES.has(code)
      ? code
      : typeof status === 'number'
        ? `http-${statusLabel(status)}`
        : 'other';
  return { upstream, reason };
}
