import pino from 'pino';
import { createProbot } from '../../app/create-probot.js';
import { loadEnvConfig, type EnvConfig } from '../../config/env-config.js';
import { loadOperatorConfig } from '../../config/load-operator-config.js';
import { DEFAULT_OPERATOR_CONFIG, type OperatorConfig } from '../../config/operator-config.js';
import { createUnkeyClient } from '../../unkey/unkey-client.js';
import type { AppClient } from './app-client.js';
import { checkApp } from './app-checks.js';
import { checkDeployTargets } from './deploy-target-checks.js';
import { describeError, fail, pass, warn, type DoctorCheck } from './doctor-check.js';
import { readAppManifest, type AppManifest } from './read-app-manifest.js';
import { checkRedisAt } from './redis-checks.js';
import { checkSlackRoutes } from './slack-route-checks.js';
import { checkUnkey } from './unkey-checks.js';

/** How long one GitHub or Unkey request of doctor may take. */
const REQUEST_TIMEOUT_MS = 10_000;

/** What {@link runDoctor} reads; tests pass their own. */
export interface RunDoctorOptions {
  /** The settings, as `serve` and `worker` read them. */
  readonly env: NodeJS.ProcessEnv;
  /** Unkey's fetch. @defaultValue globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** app.yml. @defaultValue the one shipped with rootguard (`readAppManifest`) */
  readonly manifest?: AppManifest;
}

/**
 * Runs every check, in the order a deployment needs them: the settings, Redis, the GitHub App,
 * each deploy target, the Unkey responder key, each Slack route. A check that cannot run because
 * an earlier one failed (no App credentials: no deploy target checks) is left out; what failed
 * says why. Never throws for what it checks; nothing it returns holds a secret.
 */
export async function runDoctor(options: RunDoctorOptions): Promise<DoctorCheck[]> {
  const { env } = options;
  let config: EnvConfig;
  try {
    config = loadEnvConfig(env, 'worker');
  } catch (error) {
    return [
      fail('config: environment', describeError(error), 'fix the setting it names (README, "Environment").'),
    ];
  }
  const checks: DoctorCheck[] = [
    pass('config: environment', 'APP_ID, PRIVATE_KEY and the other settings are valid.'),
  ];
  checks.push(
    config.webhookSecret === undefined
      ? warn(
          'config: WEBHOOK_SECRET',
          'WEBHOOK_SECRET is not set: `rootguard serve` refuses to start (a worker-only host needs none).',
          "set it to the webhook secret of the App's settings on the hosts that run serve.",
        )
      : pass('config: WEBHOOK_SECRET', "set (rootguard serve checks every delivery's signature with it)."),
  );
  let operatorConfig: OperatorConfig | undefined;
  try {
    operatorConfig = loadOperatorConfig(env);
    checks.push(
      pass(
        'config: ROOTGUARD_CONFIG',
        config.operatorConfigPath === undefined
          ? 'not set: the defaults (policy auto, no inventory).'
          : 'the operator config is valid.',
      ),
    );
  } catch (error) {
    checks.push(
      fail(
        'config: ROOTGUARD_CONFIG',
        describeError(error),
        'fix the file as the message says, or unset ROOTGUARD_CONFIG for the defaults.',
      ),
    );
  }

  checks.push(...(await checkRedisAt(config.redis)));

  let app: AppClient | undefined;
  let manifest: AppManifest | undefined;
  try {
    manifest = options.manifest ?? readAppManifest();
    app = await appClient(config);
  } catch (error) {
    checks.push(
      fail(
        'app: credentials',
        `cannot make the App's client: ${describeError(error)}`,
        'check APP_ID and PRIVATE_KEY.',
      ),
    );
  }
  const appChecks = app === undefined || manifest === undefined ? [] : await checkApp(app, manifest);
  checks.push(...appChecks);
  if (app !== undefined && operatorConfig !== undefined && appChecks[0]?.state === 'pass')
    checks.push(...(await checkDeployTargets(app, operatorConfig)));

  const unkey = createUnkeyClient({
    baseUrl: config.unkeyApiUrl,
    rootKey: config.unkeyRootKey ?? { reveal: () => '' },
    timeoutMs: REQUEST_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // Without a readable operator config the key is still checked, against the defaults.
  checks.push(...(await checkUnkey(config.unkeyRootKey, unkey, operatorConfig ?? DEFAULT_OPERATOR_CONFIG)));
  if (operatorConfig !== undefined) checks.push(...checkSlackRoutes(operatorConfig, env));
  return checks;
}

/** The App's own client (its JWT), through Probot as the runtime makes it; its log is silent. */
async function appClient(config: EnvConfig): Promise<AppClient> {
  const probot = createProbot({
    appId: config.appId,
    privateKey: config.privateKey.reveal(),
    githubApiUrl: config.githubApiUrl,
    log: pino({ level: 'silent' }),
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  const octokit = await probot.auth();
  return { request: (route, parameters) => octokit.request(route, parameters ?? {}) };
}
