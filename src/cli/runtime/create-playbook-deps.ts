import type { Logger } from 'pino';
import type { Probot } from 'probot';
import type { EnvConfig } from '../../config/env-config.js';
import type { OperatorConfig } from '../../config/operator-config.js';
import { createDetector } from '../../detect/create-detector.js';
import type { GitHubClient } from '../../github/github-client.js';
import type { IncidentStore } from '../../incidents/incident-store.js';
import type { RunStore } from '../../incidents/run-store.js';
import type { PlaybookDependencies } from '../../playbook/playbook-dependencies.js';
import { enqueueNotify } from '../../queue/notify-job.js';
import type { RootguardQueues } from '../../queue/queues.js';
import { readLeakedKey } from '../../sources/read-leaked-key.js';
import { createUnkeyClient } from '../../unkey/unkey-client.js';

/** What the playbook's dependencies are made from. */
export interface PlaybookWiring {
  readonly config: EnvConfig;
  readonly operatorConfig: OperatorConfig;
  readonly probot: Probot;
  readonly incidents: IncidentStore;
  readonly runs: RunStore;
  readonly queues: RootguardQueues;
  readonly log: Logger;
  readonly fetch?: typeof fetch;
}

/**
 * The playbook's outside world in production: the Unkey adapter on `UNKEY_API_URL` with the
 * responder key, installation clients found per owner (cached), and the leaked key re-read
 * through the same clients.
 */
export function createPlaybookDependencies(wiring: PlaybookWiring): PlaybookDependencies {
  const { config, probot } = wiring;
  const installations = new Map<string, number>();
  const clientFor = async (ownerOrRepo: string): Promise<GitHubClient> => {
    const [owner = '', repo] = ownerOrRepo.split('/');
    let id = installations.get(ownerOrRepo);
    if (id === undefined) {
      const app = await probot.auth();
      const { data } = repo
        ? await app.rest.apps.getRepoInstallation({ owner, repo })
        : await app.rest.apps.getOrgInstallation({ org: owner });
      id = data.id;
      installations.set(ownerOrRepo, id);
    }
    return (await probot.auth(id)) as GitHubClient;
  };
  const detector = createDetector();
  return {
    incidents: wiring.incidents,
    runs: wiring.runs,
    config: wiring.operatorConfig,
    unkey: createUnkeyClient({
      baseUrl: config.unkeyApiUrl,
      // Without a responder key only the liveness probe (which uses the leaked key) is called.
      rootKey: config.unkeyRootKey ?? { reveal: () => '' },
      ...(wiring.fetch ? { fetch: wiring.fetch } : {}),
    }),
    responderConfigured: config.unkeyRootKey !== undefined,
    clientFor,
    readLeakedKey: (occurrences, fingerprint) =>
      readLeakedKey(
        { clientFor, detector, ...(wiring.fetch ? { fetch: wiring.fetch } : {}) },
        occurrences,
        fingerprint,
      ),
    notify: async (job) => {
      await enqueueNotify(wiring.queues.notify, job);
    },
    log: wiring.log.child({ name: 'playbook' }),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
