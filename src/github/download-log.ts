import { GitHubError } from './errors.js';
import type { GitHubClient } from './github-client.js';
import { describeLogLink, isAllowedLogLink } from './log-link-policy.js';

/** The two log endpoints: a job's log (text) and a run's log archive (zip). */
export type LogRoute =
  | { readonly kind: 'job'; readonly owner: string; readonly repo: string; readonly jobId: number }
  | { readonly kind: 'run'; readonly owner: string; readonly repo: string; readonly runId: number };

/** Statuses of a download link that mean it has expired or been revoked: ask the API again. */
const EXPIRED_LINK = new Set([401, 403, 404, 410]);
/** Statuses of a redirect, each hop of which is checked before it is followed. */
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * How long one log download may take, body included. The largest log read is capped
 * (`MAX_JOB_LOG_BYTES`); a download still running after this is stalled, and the scan reports
 * the log as not read rather than holding its worker.
 */
export const LOG_DOWNLOAD_TIMEOUT_MS = 180_000;
/** Redirects followed from a log link (GitHub's blob links answer at once or redirect once). */
export const MAX_LOG_REDIRECTS = 3;

/**
 * Asks the API for a log's download link: the `Location` of its 302, read without following it
 * (the link is short-lived and goes to a blob host, not the API). `undefined` when the log is
 * gone (404 or 410: deleted, or past its retention).
 */
export async function getLogLink(client: GitHubClient, route: LogRoute): Promise<string | undefined> {
  const request = { redirect: 'manual' as const };
  try {
    const response =
      route.kind === 'job'
        ? await client.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
            owner: route.owner,
            repo: route.repo,
            job_id: route.jobId,
            request,
          })
        : await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs', {
            owner: route.owner,
            repo: route.repo,
            run_id: route.runId,
            request,
          });
    const location = (response.headers as Record<string, unknown>)['location'];
    if (typeof location === 'string' && location !== '') return location;
    throw new GitHubError(
      'no-log-link',
      `GitHub answered the ${route.kind} log request with ${response.status} and no link`,
    );
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 404 || status === 410) return undefined;
    throw error;
  }
}

/** How to download a log. */
export interface DownloadLogOptions {
  readonly client: GitHubClient;
  readonly route: LogRoute;
  /** Links asked of the API in all, when each one in turn has expired. */
  readonly attempts: number;
  /** The download's `fetch`. @defaultValue `globalThis.fetch` */
  readonly fetch?: typeof globalThis.fetch;
  /** The configured API (`GITHUB_API_URL`), whose host links may use too. @defaultValue the client's base URL */
  readonly apiUrl?: string;
  /** @defaultValue {@link LOG_DOWNLOAD_TIMEOUT_MS} */
  readonly timeoutMs?: number;
}

/** A started download, or why there is none. */
export type LogDownload =
  | { readonly status: 'ok'; readonly response: Response }
  | { readonly status: 'gone' }
  | { readonly status: 'expired'; readonly attempts: number };

/**
 * Opens a log download at once (links expire in about a minute). When the link answers
 * 401/403/404/410 it has expired: a new link is asked of the API, never the same one retried, up
 * to `attempts` links. Other failures of the link throw. The caller reads the body as a stream,
 * within `timeoutMs` of the start. The link and every redirect are checked before they are
 * fetched (`isAllowedLogLink`: https to GitHub's hosts or the API's); any other throws
 * `log-link-refused`.
 */
export async function openLogDownload(options: DownloadLogOptions): Promise<LogDownload> {
  const fetchLink = options.fetch ?? globalThis.fetch;
  const apiUrl = options.apiUrl ?? options.client.request.endpoint.DEFAULTS.baseUrl;
  const signal = AbortSignal.timeout(options.timeoutMs ?? LOG_DOWNLOAD_TIMEOUT_MS);
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const link = await getLogLink(options.client, options.route);
    if (link === undefined) return { status: 'gone' };
    const response = await fetchChecked(fetchLink, link, apiUrl, signal, options.route.kind);
    if (response.ok && response.body !== null) return { status: 'ok', response };
    await response.body?.cancel();
    if (!EXPIRED_LINK.has(response.status))
      throw new GitHubError(
        'log-download-failed',
        `the ${options.route.kind} log download failed with HTTP ${response.status}`,
      );
  }
  return { status: 'expired', attempts: options.attempts };
}

/** Fetches a log link, following at most `MAX_LOG_REDIRECTS` redirects, each one checked first. */
async function fetchChecked(
  fetchLink: typeof globalThis.fetch,
  link: string,
  apiUrl: string,
  signal: AbortSignal,
  kind: LogRoute['kind'],
): Promise<Response> {
  let url = link;
  for (let hop = 0; ; hop++) {
    if (!isAllowedLogLink(url, apiUrl))
      throw new GitHubError(
        'log-link-refused',
        `the ${kind} log link ${hop === 0 ? 'points' : 'redirects'} to ${describeLogLink(url)}, which rootguard does not download from (https to GitHub's hosts or GITHUB_API_URL's only)`,
      );
    // No credentials go to the blob host: the link carries its own short-lived signature.
    const response = await fetchLink(url, { redirect: 'manual', signal });
    if (!REDIRECT.has(response.status)) return response;
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (location === null || hop >= MAX_LOG_REDIRECTS)
      throw new GitHubError(
        'log-download-failed',
        `the ${kind} log download was redirected more than ${MAX_LOG_REDIRECTS} times, or without a location`,
      );
    url = new URL(location, url).href;
  }
}
