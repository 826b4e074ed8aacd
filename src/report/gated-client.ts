import type { GitHubClient } from '../github/github-client.js';
import { rateLimitWaitMs } from '../github/github-answer.js';
import type { InstallationGate } from './installation-gate.js';

/**
 * Puts a report client's requests through the installation's gate: each waits for a slot, none
 * goes while a rate limit is in force, and a rate-limited answer holds every reporter of the
 * installation (in every process) for as long as GitHub asked.
 */
export function gateClient(
  client: GitHubClient,
  installationId: number,
  gate: InstallationGate,
): GitHubClient {
  client.hook.before('request', async () => {
    await gate.pass(installationId);
  });
  client.hook.error('request', async (error) => {
    const wait = rateLimitWaitMs(error);
    if (wait !== undefined) await gate.block(installationId, wait);
    throw error;
  });
  return client;
}
