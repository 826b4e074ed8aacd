import { describeError, fail, pass, warn, type DoctorCheck } from './doctor-check.js';
import { statusOf } from '../../github/github-answer.js';
import { levelCovers, type AppClient } from './app-client.js';
import type { AppManifest } from './read-app-manifest.js';

const SETTINGS = "the App's settings on GitHub (Settings → Developer settings → GitHub Apps → rootguard)";

interface AppInfo {
  readonly slug?: string;
  readonly permissions?: Record<string, string>;
  readonly events?: string[];
}

interface InstallationInfo {
  readonly id: number;
  readonly account?: { readonly login?: string } | null;
  readonly suspended_at?: string | null;
  readonly permissions?: Record<string, string>;
}

/** At most this many installations are read (`GET /app/installations`, 100 a page). */
const MAX_INSTALLATION_PAGES = 10;

/**
 * The GitHub App: its credentials work (`GET /app` with the App's JWT), GitHub granted the
 * permissions and events `app.yml` asks for, the webhook has a URL and a secret
 * (`GET /app/hook/config`), and where it is installed (`GET /app/installations`: none, suspended
 * ones, and ones that have not accepted every permission yet).
 */
export async function checkApp(client: AppClient, manifest: AppManifest): Promise<DoctorCheck[]> {
  let app: AppInfo;
  try {
    app = (await client.request('GET /app')).data as AppInfo;
  } catch (error) {
    const status = statusOf(error);
    return [
      fail(
        'app: credentials',
        `GitHub refused the App's JWT${status === undefined ? '' : ` (${status})`}: ${describeError(error)}`,
        status === 401 || status === 404
          ? "set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to the App's id and a private key generated in its settings (`rootguard setup` writes both)."
          : 'check GITHUB_API_URL and that this host reaches GitHub.',
      ),
    ];
  }
  const checks: DoctorCheck[] = [
    pass('app: credentials', `the App${app.slug ? ` ${app.slug}` : ''} authenticates with its JWT.`),
  ];
  checks.push(comparePermissions('app: permissions', app.permissions ?? {}, manifest, SETTINGS));
  const events = new Set(app.events ?? []);
  const missingEvents = manifest.events.filter((event) => !events.has(event));
  checks.push(
    missingEvents.length === 0
      ? pass('app: events', `subscribed to every event app.yml names (${manifest.events.length}).`)
      : fail(
          'app: events',
          `the App is not subscribed to ${missingEvents.join(', ')}: rootguard never hears of them.`,
          `tick ${missingEvents.join(', ')} under "Subscribe to events" in ${SETTINGS}.`,
        ),
  );
  checks.push(await checkHookConfig(client));
  checks.push(...(await checkInstallations(client, manifest)));
  return checks;
}

/** Permissions granted versus app.yml's: a missing or lower one fails; what to change, and where. */
export function comparePermissions(
  name: string,
  granted: Readonly<Record<string, string>>,
  manifest: AppManifest,
  where: string,
): DoctorCheck {
  const short = Object.entries(manifest.permissions)
    .filter(([permission, level]) => !levelCovers(granted[permission], level))
    .map(([permission, level]) => `${permission}: ${level}`);
  return short.length === 0
    ? pass(
        name,
        `every permission app.yml asks for is granted (${Object.keys(manifest.permissions).length}).`,
      )
    : fail(name, `not granted: ${short.join(', ')}.`, `grant ${short.join(', ')} in ${where}.`);
}

async function checkHookConfig(client: AppClient): Promise<DoctorCheck> {
  const name = 'app: webhook';
  let config: {
    url?: string | null;
    secret?: string | null;
    content_type?: string;
    insecure_ssl?: string | number;
  };
  try {
    config = (await client.request('GET /app/hook/config')).data as typeof config;
  } catch (error) {
    return fail(
      name,
      `GitHub does not show the App's webhook settings: ${describeError(error)}`,
      `set a webhook URL and secret in ${SETTINGS}.`,
    );
  }
  const url = config.url ?? '';
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return fail(
      name,
      'the App has no webhook URL: GitHub sends rootguard nothing.',
      `set the webhook URL to https://YOUR-HOST/api/github/webhooks in ${SETTINGS}.`,
    );
  }
  if (host.endsWith('.invalid') || host.endsWith('.example') || host === 'example.com')
    return fail(
      name,
      `the webhook URL points at ${host}, a placeholder: GitHub's deliveries go nowhere.`,
      `set the webhook URL to https://YOUR-HOST/api/github/webhooks in ${SETTINGS}.`,
    );
  // GitHub shows a set secret as asterisks and never the secret itself.
  if (!config.secret)
    return fail(
      name,
      'the webhook has no secret: deliveries are unsigned and rootguard serve refuses them.',
      `set the webhook secret in ${SETTINGS} to WEBHOOK_SECRET's value.`,
    );
  if (String(config.insecure_ssl ?? '0') !== '0')
    return warn(
      name,
      `webhook URL on ${host}, secret set, but TLS certificates are not verified.`,
      `turn SSL verification on in ${SETTINGS}.`,
    );
  if (!url.startsWith('https:'))
    return warn(
      name,
      `webhook URL on ${host} over plain http: deliveries and their signatures travel unencrypted.`,
      'serve rootguard behind https and set the URL to it.',
    );
  return pass(name, `webhook URL on ${host}, secret set.`);
}

async function checkInstallations(client: AppClient, manifest: AppManifest): Promise<DoctorCheck[]> {
  const installations: InstallationInfo[] = [];
  try {
    for (let page = 1; page <= MAX_INSTALLATION_PAGES; page++) {
      const batch = (await client.request('GET /app/installations', { per_page: 100, page }))
        .data as InstallationInfo[];
      installations.push(...batch);
      if (batch.length < 100) break;
    }
  } catch (error) {
    return [
      fail(
        'app: installations',
        `GitHub does not list the App's installations: ${describeError(error)}`,
        'run doctor again; check GITHUB_API_URL.',
      ),
    ];
  }
  if (installations.length === 0)
    return [
      warn(
        'app: installations',
        'the App is installed nowhere: no repository is scanned.',
        'install it on the organisations or repositories to watch (https://github.com/apps/SLUG/installations/new).',
      ),
    ];
  const login = (inst: InstallationInfo) => inst.account?.login ?? `installation ${inst.id}`;
  const suspended = installations.filter((inst) => inst.suspended_at);
  const checks: DoctorCheck[] = [
    suspended.length === 0
      ? pass(
          'app: installations',
          `installed on ${installations.length} account(s): ${installations.slice(0, 10).map(login).join(', ')}${installations.length > 10 ? ', …' : ''}.`,
        )
      : warn(
          'app: installations',
          `${installations.length} installation(s); suspended (GitHub sends nothing for them): ${suspended.map(login).join(', ')}.`,
          "unsuspend them in each account's Settings → GitHub Apps → rootguard → Configure.",
        ),
  ];
  // An installation keeps its old permissions until an owner accepts the new ones.
  const behind = installations.filter(
    (inst) =>
      !inst.suspended_at &&
      Object.entries(manifest.permissions).some(([p, level]) => !levelCovers(inst.permissions?.[p], level)),
  );
  if (behind.length > 0)
    checks.push(
      warn(
        'app: installation permissions',
        `not every permission app.yml asks for is accepted by: ${behind.map(login).join(', ')}.`,
        "an owner of each account accepts the App's new permissions (Settings → GitHub Apps → rootguard → Review request).",
      ),
    );
  return checks;
}
