import { createDetector } from '../../detect/create-detector.js';
import { LaneWaitError } from '../../github/errors.js';
import type { GitHubClient } from '../../github/github-client.js';
import { InstallationLane } from '../../github/installation-lane.js';
import type { PlaybookDependencies } from '../../playbook/playbook-dependencies.js';
import type { PlaybookMetrics } from '../../playbook/playbook-metrics.js';
import { enqueueNotify } from '../../report/notify/enqueue-notify.js';
import { readLeakedKey } from '../../sources/read-leaked-key.js';
import { createUnkeyClient } from '../../unkey/unkey-client.js';
import { laneClients } from './installation-client.js';
import { installationFinder } from './installation-finder.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** What the playbook's dependencies are made from. */
export type PlaybookWiring = Pick<
  RuntimePieces,
  // `redis` and `prefix`: where the playbook's GitHub lane keeps its state (shared by every process).
  | 'config'
  | 'operatorConfig'
  | 'probot'
  | 'incidents'
  | 'runs'
  | 'queues'
  | 'log'
  | 'redis'
  | 'prefix'
  | 'fetch'
> & {
  /** Finds installation ids; one per process, so the playbook and the reporters share its cache. @defaultValue a new one */
  readonly installationFor?: RuntimePieces['installationFor'];
  /**
   * Least time between two of the playbook's GitHub writes to one installation, over every
   * process (GitHub asks for a second between mutating requests). @defaultValue 1000
   */
  readonly playbookWriteIntervalMs?: number;
  /** The process's metrics (`src/observe`): step outcomes and incident clocks. @defaultValue nothing counted */
  readonly metrics?: PlaybookMetrics;
};

/**
 * The playbook's outside world in production: the Unkey adapter on `UNKEY_API_URL` with the
 * responder key, installation clients found per owner (cached), and the leaked key re-read
 * through the same clients.
 */
export function createPlaybookDependencies(wiring: PlaybookWiring): PlaybookDependencies {
  const { config, probot } = wiring;
  const log = wiring.log.child({ name: 'playbook' });
  const installationFor = wiring.installationFor ?? installationFinder(probot);
  // The playbook's GitHub requests (public keys, secret PUTs, log deletion) take a lane of their
  // own. Octokit's throttle (Probot keys it by installation id) would queue a secret PUT behind
  // every check run and review the scans write in this process, one per second; a throttle id
  // of its own would still be per process, and its in-process Retry-After waits would hold the
  // worker while other processes keep sending. So the in-process throttle is off for this lane,
  // and the Redis lane does its work for every process at once: writes a second apart, nothing
  // while GitHub's Retry-After or a spent quota is in force (reads wait for that too), and a
  // longer wait throws `LaneWaitError` (a 429) so the queue retries the step after it.
  const lane = new InstallationLane(wiring.redis, {
    prefix: wiring.prefix,
    lane: 'lane-playbook',
    intervalMs: wiring.playbookWriteIntervalMs ?? 1_000,
    spaceWritesOnly: true,
    waitError: (until, reason) => new LaneWaitError(until, reason),
  });
  const laneClient = laneClients(probot, lane, log.child({ client: 'github-playbook' }));
  const clientFor = async (ownerOrRepo: string): Promise<GitHubClient> =>
    laneClient(await installationFor(ownerOrRepo));
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
    log,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(wiring.metrics ? { metrics: wiring.metrics } : {}),
  };
}
