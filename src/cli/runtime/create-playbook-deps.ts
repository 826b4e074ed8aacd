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
import { installationFinder } from './installation-finder.js';

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
  /** Finds installation ids; one per process, so the playbook and the reporters share its cache. @defaultValue a new one */
  readonly installationFor?: (ownerOrRepo: string) => Promise<number>;
}

/**
 * The playbook's outside world in production: the Unkey adapter on `UNKEY_API_URL` with the
 * responder key, installation clients found per owner (cached), and the leaked key re-read
 * through the same clients.
 */
export function createPlaybookDependencies(wiring: PlaybookWiring): PlaybookDependencies {
  const { config, probot } = wiring;
  const installationFor = wiring.installationFor ?? installationFinder(probot);
  const clientFor = async (ownerOrRepo: string): Promise<GitHubClient> =>
    (await probot.auth(await installationFor(ownerOrRepo))) as GitHubClient;
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
    notify: async (request) => {
      await enqueueNotify(wiring.queues.notify, request);
    },
    log: wiring.log.child({ name: 'playbook' }),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
