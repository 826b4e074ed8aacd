import type { Logger } from 'pino';
import type { Probot } from 'probot';
import { gateClient } from '../../github/gate-client.js';
import type { GitHubClient } from '../../github/github-client.js';
import type { InstallationLane } from '../../github/installation-lane.js';

/** Octokit throttling settings of one client (`@octokit/plugin-throttling`'s `throttle` option). */
export type ThrottleSettings = { readonly enabled: false } | { readonly id: string };

/**
 * An installation client of the App like `probot.auth(installationId)`, with its own throttle
 * settings: Probot keys Octokit's throttle by installation id, so every client of the process
 * would share one write queue; a lane of its own needs another id, or no in-process throttle.
 */
export async function installationClient(
  probot: Probot,
  installationId: number,
  throttle: ThrottleSettings,
  log: Logger,
): Promise<GitHubClient> {
  const app = await probot.auth();
  return (await app.auth({
    type: 'installation',
    installationId,
    factory: ({ octokit, octokitOptions, ...otherOptions }: FactoryOptions) =>
      new (octokit.constructor as new (options: unknown) => GitHubClient)({
        ...octokitOptions,
        log,
        throttle:
          octokitOptions.throttle?.enabled && 'id' in throttle
            ? {
                ...octokitOptions.throttle,
                id: throttle.id,
                onRateLimit: () => false,
                onSecondaryRateLimit: () => false,
              }
            : { enabled: false },
        auth: { ...octokitOptions.auth, otherOptions, installationId },
      }),
  })) as GitHubClient;
}

/** What Probot's `auth({ type: 'installation', factory })` hands the factory. */
interface FactoryOptions {
  readonly octokit: { readonly constructor: unknown };
  readonly octokitOptions: {
    readonly throttle?: { readonly enabled?: boolean } & Record<string, unknown>;
    readonly auth?: Record<string, unknown>;
  } & Record<string, unknown>;
  readonly [other: string]: unknown;
}

/**
 * Installation clients whose requests go through `lane` (Redis, shared by every process) instead
 * of Octokit's in-process throttle: one lane per kind of work, so none waits behind another.
 */
export function laneClients(
  probot: Probot,
  lane: InstallationLane,
  log: Logger,
): (installationId: number) => Promise<GitHubClient> {
  return async (installationId) =>
    gateClient(
      await installationClient(probot, installationId, { enabled: false }, log),
      installationId,
      lane,
    );
}
