import type { Probot } from 'probot';
import type { EnvConfig } from '../../config/env-config.js';
import { statusOf } from '../../github/github-answer.js';
import { cachedCheck, type ReadinessCheck } from '../../observe/readiness.js';
import { redisCheck } from '../../observe/redis-check.js';
import type { RuntimePieces } from './runtime-pieces.js';
import { createUnkeyClient } from '../../unkey/unkey-client.js';

/** How long a GitHub or Unkey answer holds: probes come every few seconds, these services are not asked that often. */
export const UPSTREAM_CHECK_TTL_MS = 60_000;

/** What the readiness checks are made from. */
export type ReadinessWiring = Pick<RuntimePieces, 'config' | 'probot' | 'redis' | 'fetch'>;

/** The App's credentials work: an App JWT `GET /app` (a wrong `APP_ID` or key gets 401). */
function githubAppCheck(probot: Probot): ReadinessCheck {
  return {
    name: 'github-app',
    async run() {
      try {
        const octokit = await probot.auth();
        await octokit.request('GET /app');
        return { state: 'ok' };
      } catch (error) {
        const status = statusOf(error);
        return status !== undefined
          ? {
              state: 'failing',
              detail: `GitHub answered ${status} to GET /app with the App's JWT: check APP_ID and PRIVATE_KEY${status >= 500 ? ' (or GitHub is down)' : ''}.`,
            }
          : {
              state: 'failing',
              detail: 'GitHub did not answer GET /app (check GITHUB_API_URL and the network).',
            };
      }
    },
  };
}

/**
 * The responder key is accepted: the liveness probe (a made-up `apis.getApi`) with it, which reads
 * nothing and answers `live` for a key Unkey accepts. `off` without `UNKEY_ROOT_KEY` (assisted mode).
 */
function unkeyResponderCheck(config: EnvConfig, fetchImpl: typeof fetch | undefined): ReadinessCheck {
  const rootKey = config.unkeyRootKey;
  const unkey = createUnkeyClient({
    baseUrl: config.unkeyApiUrl,
    rootKey: rootKey ?? { reveal: () => '' },
    timeoutMs: 2_500,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    name: 'unkey-responder',
    async run() {
      if (rootKey === undefined)
        return { state: 'off', detail: 'UNKEY_ROOT_KEY is not set: every containment is assisted.' };
      try {
        const liveness = await unkey.probeLiveness(rootKey);
        if (liveness.state === 'live') return { state: 'ok' };
        return {
          state: 'failing',
          detail: `Unkey does not accept UNKEY_ROOT_KEY (${liveness.state}, HTTP ${liveness.status}): set a working responder key.`,
        };
      } catch {
        return { state: 'failing', detail: 'Unkey did not answer (check UNKEY_API_URL and the network).' };
      }
    },
  };
}

/**
 * `/readyz`'s checks: Redis (`noeviction` and persistence, at every probe), the App's credentials
 * and the responder key (each cached a minute), and the configuration (loaded at start-up, or the
 * process would not be running).
 */
export function readinessChecks(wiring: ReadinessWiring): ReadinessCheck[] {
  const { config } = wiring;
  return [
    redisCheck(wiring.redis, { allowVolatile: config.allowVolatileRedis }),
    cachedCheck(githubAppCheck(wiring.probot), UPSTREAM_CHECK_TTL_MS),
    cachedCheck(unkeyResponderCheck(config, wiring.fetch), UPSTREAM_CHECK_TTL_MS),
    { name: 'config', run: async () => ({ state: 'ok' }) },
  ];
}
