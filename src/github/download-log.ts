import { GitHubError } from './errors.js';
import type { GitHubClient } from './github-client.js';

/** The two log endpoints: a job's log (text) and a run's log archive (zip). */
export type LogRoute =
  | { readonly kind: 'job'; readonly owner: string; readonly repo: string; readonly jobId: number }
  | { readonly kind: 'run'; readonly owner: string; readonly repo: string; readonly runId: number };

/** Statuses of a download link that mean it has expired or been revoked: ask the API again. */
const EXPIRED_LINK = new Set([401, 403, 404, 410]);

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
}

/** A started download, or why there is none. */
export type LogDownload =
  | { readonly status: 'ok'; readonly response: Response }
  | { readonly status: 'gone' }
  | { readonly status: 'expired'; readonly attempts: number };

/**
 * Opens a log download at once (links expire in about a minute). When the link answers
 * 401/403/404/410 it has expired: a new link is asked of the API, never the same one retried, up
 * to `attempts` links. Other failures of the link throw. The caller reads the body as a stream.
 */
export async function openLogDownload(options: DownloadLogOptions): Promise<LogDownload> {
  const fetchLink = options.fetch ?? globalThis.fetch;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const link = await getLogLink(options.client, options.route);
    if (link === undefined) return { status: 'gone' };
    // No credentials go to the blob host: the link carries its own short-lived signature.
    const response = await fetchLink(link, { redirect: 'follow' });
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
