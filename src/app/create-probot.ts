import { Probot, ProbotOctokit } from 'probot';
import type { Logger } from 'pino';

/** What Probot needs: the App's credentials, the webhook secret and the API to talk to. */
export interface ProbotSettings {
  readonly appId: number;
  readonly privateKey: string;
  /** Needed only where webhooks are received. */
  readonly webhookSecret?: string;
  /** `https://api.github.com`, a GHES `https://HOST/api/v3`, or an emulator in tests. */
  readonly githubApiUrl: string;
  readonly log: Logger;
}

/**
 * A Probot instance bound to our logger and API URL. Its Octokit keeps Probot's retry and
 * throttling plugins: GitHub's rate limits are honoured by waiting, never by hammering.
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
