// Webhook payloads of the App's installation events (`installation.created`,
// `installation_repositories.added`), filled from the emulator's state; shapes follow
// @octokit/webhooks-schemas (test/emulators/github/webhook-payloads.test.ts validates them).
import type { GitHubEmulator } from './github-emulator.js';
import { nodeId, simpleUser, type Obj } from './github-objects.js';
import { installationObject } from './installations.js';
import { pick, webhookUser } from './webhook-objects.js';

// The webhook's installation object allows only these keys (the REST one has a few more).
const INSTALLATION_KEYS = [
  'id',
  'account',
  'repository_selection',
  'access_tokens_url',
  'repositories_url',
  'html_url',
  'app_id',
  'app_slug',
  'target_id',
  'target_type',
  'permissions',
  'events',
  'created_at',
  'updated_at',
  'single_file_name',
  'has_multiple_single_files',
  'single_file_paths',
  'suspended_by',
  'suspended_at',
];

/** Options of the installation payload builders. */
export interface InstallationPayloadOptions {
  installationId: number;
  /** Full names of the repositories the event names (they must exist in the emulator). */
  repos: readonly string[];
}

function parts(emulator: GitHubEmulator, options: InstallationPayloadOptions) {
  const state = emulator.internalState;
  const inst = state.installations.get(options.installationId);
  if (!inst) throw new Error(`emulator: no installation ${options.installationId}`);
  const installation = pick(installationObject(state, inst), INSTALLATION_KEYS);
  installation['account'] = webhookUser(installation['account'] as Obj);
  const repositories = options.repos.map((fullName) => {
    const { facts } = state.repo(fullName);
    return {
      id: facts.id,
      node_id: nodeId('R', facts.id),
      name: facts.name,
      full_name: `${facts.owner}/${facts.name}`,
      private: facts.private,
    };
  });
  const sender = webhookUser(simpleUser(state.urls, 'octocat', 583231));
  return { installation, repositories, sender };
}

/** `installation.created`: the App installed on the account, with the repositories it may see. */
export function installationCreatedPayload(
  emulator: GitHubEmulator,
  options: InstallationPayloadOptions,
): Obj {
  const { installation, repositories, sender } = parts(emulator, options);
  return { action: 'created', installation, repositories, requester: sender, sender };
}

/** `installation_repositories.added`: repositories added to an installation's selection. */
export function installationRepositoriesAddedPayload(
  emulator: GitHubEmulator,
  options: InstallationPayloadOptions,
): Obj {
  const { installation, repositories, sender } = parts(emulator, options);
  return {
    action: 'added',
    installation,
    repository_selection: 'selected',
    repositories_added: repositories,
    repositories_removed: [],
    requester: sender,
    sender,
  };
}
