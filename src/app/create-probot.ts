import { Probot, ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import { fetchWithTimeout, GITHUB_REQUEST_TIMEOUT_MS } from '../github/fetch-with-timeout.js';

/** What Probot needs: the App's credentials, the webhook secret and the API to talk to. */
export interface ProbotSettings {
  readonly appId: number;
  readonly privateKey: string;
  /** Needed only where webhooks are received. */
  readonly webhookSecret?: string;
  /** `https://api.github.com`, a GHES `https://HOST/api/v3`, or an emulator in tests. */
  readonly githubApiUrl: string;
  readonly log: Logger;
  /** How long one GitHub request may take. @defaultValue `GITHUB_REQUEST_TIMEOUT_MS` (30 s) */
  readonly requestTimeoutMs?: number;
}

/**
 * A Probot instance bound to our logger and API URL. Its Octokit keeps Probot's retry and
 * throttling plugins: GitHub's rate limits are honoured by waiting, never by hammering. Every
 * request (installation tokens included) is aborted after `GITHUB_REQUEST_TIMEOUT_MS`.
 */
export function createProbot(settings: ProbotSettings): Probot {
  return new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    // Probot insists on a secret; a worker-only process never verifies one.
    secret: settings.webhookSecret ?? 'unused-by-workers',
    baseUrl: settings.githubApiUrl,
    log: settings.log as never,
    Octokit: ProbotOctokit,
    request: { fetch: fetchWithTimeout(settings.requestTimeoutMs ?? GITHUB_REQUEST_TIMEOUT_MS) },
  });
}

/** The app's bot login (`<slug>[bot]`), so its own pushes are not scanned; undefined if GitHub can't say. */
export async function resolveBotLogin(probot: Probot): Promise<string | undefined> {
  try {
    const appClient = await probot.auth();
    const { data } = await appClient.request('GET /app');
    return data?.slug ? `${data.slug}[bot]` : undefined;
  } catch (error) {
    probot.log.warn(
      { err: error },
      'could not read the app slug: pushes by the app itself will be scanned too',
    );
    return undefined;
  }
}
