import { LaneWaitError } from './errors.js';
import type { GitHubClient } from './github-client.js';
import { rateLimitWaitMs } from './github-answer.js';
import type { InstallationLane } from './installation-lane.js';

/**
 * Puts a client's requests through an installation's lane: each waits for its slot, none goes
 * while a rate limit is in force, and a rate-limited answer holds the lane for the installation
 * (in every process) for as long as GitHub asked.
 */
export function gateClient(
  client: GitHubClient,
  installationId: number,
  lane: InstallationLane,
): GitHubClient {
  client.hook.before('request', async (options) => {
    await lane.pass(installationId, options.method);
  });
  client.hook.error('request', async (error) => {
    // The lane's own refusal (thrown by the hook above) passes here too: it is no answer from
    // GitHub, and counting it as one would extend the limit on every try.
    if (error instanceof LaneWaitError) throw error;
    const wait = rateLimitWaitMs(error);
    if (wait !== undefined) await lane.block(installationId, wait);
    throw error;
  });
  return client;
}
