// Apps made by the manifest flow: the manifest's checks (what GitHub's "new App" page refuses),
// the App's creation with its credentials, and `POST /app-manifests/{code}/conversions`.
import { randomBytes } from 'node:crypto';
import type { AppManifest, CreatedAppRecord, PendingManifest } from './emulator-records.js';
import type { EmulatorState, Handler } from './emulator-state.js';
import { isoSeconds, nodeId, simpleUser, type Obj } from './github-objects.js';
import { notFound } from './http-reply.js';

/** How long a conversion code can be exchanged, as GitHub's. */
export const MANIFEST_CODE_TTL_MS = 60 * 60 * 1000;
/** GitHub App names are at most 34 characters. */
const MAX_APP_NAME_LENGTH = 34;
/** GitHub accepts at most 10 callback URLs. */
const MAX_CALLBACK_URLS = 10;

/** The permission each event needs, for the events GitHub lets an App subscribe to that we know. */
const EVENT_PERMISSIONS: Record<string, string> = {
  check_run: 'checks',
  check_suite: 'checks',
  issue_comment: 'issues',
  issues: 'issues',
  pull_request: 'pull_requests',
  pull_request_review: 'pull_requests',
  push: 'contents',
  secret_scanning_alert: 'secret_scanning_alerts',
  workflow_job: 'actions',
  workflow_run: 'actions',
};

const MANIFEST_KEYS = new Set([
  'name',
  'url',
  'hook_attributes',
  'redirect_url',
  'callback_urls',
  'setup_url',
  'description',
  'public',
  'default_events',
  'default_permissions',
  'request_oauth_on_install',
  'setup_on_update',
]);

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The manifest in the "new App" form's `manifest` field, or the problems GitHub would show
 * instead of the "Create GitHub App" button.
 */
export function parseAppManifest(text: string): AppManifest | { problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problems: ['the manifest is not JSON'] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { problems: ['the manifest is not a JSON object'] };
  const m = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(m)) if (!MANIFEST_KEYS.has(key)) problems.push(`unknown field ${key}`);
  const name = m['name'];
  if (
    name !== undefined &&
    (typeof name !== 'string' || name.trim() === '' || name.length > MAX_APP_NAME_LENGTH)
  )
    problems.push(`name must be 1 to ${MAX_APP_NAME_LENGTH} characters`);
  if (!isHttpUrl(m['url'])) problems.push('url (the homepage) must be an http(s) URL');
  const hook = (m['hook_attributes'] ?? {}) as Record<string, unknown>;
  const hookActive = hook['active'] !== false;
  if (hookActive && !isHttpUrl(hook['url'])) problems.push('hook_attributes.url must be an http(s) URL');
  for (const key of ['redirect_url', 'setup_url'])
    if (m[key] !== undefined && !isHttpUrl(m[key])) problems.push(`${key} must be an http(s) URL`);
  const callbacks = m['callback_urls'] ?? [];
  if (!Array.isArray(callbacks) || callbacks.length > MAX_CALLBACK_URLS || !callbacks.every(isHttpUrl))
    problems.push(`callback_urls must be at most ${MAX_CALLBACK_URLS} http(s) URLs`);
  if (m['public'] !== undefined && typeof m['public'] !== 'boolean')
    problems.push('public must be a boolean');
  const permissions = (m['default_permissions'] ?? {}) as Record<string, unknown>;
  for (const [permission, level] of Object.entries(permissions))
    if (level !== 'read' && level !== 'write')
      problems.push(`default_permissions.${permission} must be read or write`);
  const events = m['default_events'] ?? [];
  if (!Array.isArray(events)) problems.push('default_events must be a list');
  else
    for (const event of events) {
      const needs = EVENT_PERMISSIONS[String(event)];
      if (needs === undefined)
        problems.push(`default_events: ${String(event)} is not an event this emulator knows`);
      else if (permissions[needs] === undefined)
        problems.push(`default_events: ${String(event)} needs the ${needs} permission`);
    }
  if (problems.length > 0) return { problems };
  const homepage = m['url'] as string;
  return {
    name: typeof name === 'string' ? name : '',
    url: homepage,
    hookUrl: typeof hook['url'] === 'string' ? hook['url'] : undefined,
    hookActive,
    redirectUrl: m['redirect_url'] as string | undefined,
    callbackUrls: callbacks as string[],
    setupUrl: m['setup_url'] as string | undefined,
    description: typeof m['description'] === 'string' ? m['description'] : null,
    public: m['public'] === true,
    defaultEvents: (events as unknown[]).map(String),
    defaultPermissions: permissions as Record<string, 'read' | 'write'>,
  };
}

/** An App's slug from its name, as GitHub makes it: lower case, runs of other characters as `-`. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Whether an App (seeded or created) already has the slug `name` makes. */
export function appNameTaken(state: EmulatorState, name: string): boolean {
  const slug = slugOf(name);
  return slug === state.appSlug || [...state.createdApps.values()].some((app) => app.slug === slug);
}

/**
 * Creates the App the user confirmed (under `name`, which the page lets them change), and the
 * one-hour, single-use code its redirect carries.
 */
export function createAppFromManifest(
  state: EmulatorState,
  pending: PendingManifest,
  name: string,
): { app: CreatedAppRecord; code: string } {
  const id = state.nextId();
  const login = pending.org ?? 'octocat';
  const app: CreatedAppRecord = {
    id,
    slug: slugOf(name),
    owner: { login, id: state.userId(login), type: pending.org === undefined ? 'User' : 'Organization' },
    manifest: { ...pending.manifest, name },
    clientId: `Iv23li${randomBytes(7).toString('hex')}`,
    clientSecret: randomBytes(20).toString('hex'),
    webhookSecret: randomBytes(20).toString('hex'),
    privateKeyPem: state.auth.registerApp(id),
    createdAt: isoSeconds(state.now()),
  };
  state.createdApps.set(id, app);
  const code = randomBytes(20).toString('hex');
  state.manifestCodes.set(code, {
    appId: id,
    expiresAt: new Date(state.now().getTime() + MANIFEST_CODE_TTL_MS),
  });
  return { app, code };
}

/** `integration` for a created App. */
export function createdAppObject(state: EmulatorState, app: CreatedAppRecord): Obj {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('A', app.id),
    client_id: app.clientId,
    owner: simpleUser(state.urls, app.owner.login, app.owner.id, app.owner.type),
    name: app.manifest.name,
    description: app.manifest.description,
    external_url: app.manifest.url,
    html_url: `${state.urls.html}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: app.manifest.defaultPermissions,
    events: app.manifest.defaultEvents,
  };
}

/** Routes by operationId. */
export const appManifestRoutes: Record<string, Handler> = {
  // No credentials: the code is one. Unknown, used and expired codes answer 404, as GitHub does.
  'apps/create-from-manifest': (ctx) => {
    const code = ctx.params['code'] ?? '';
    const issued = ctx.state.manifestCodes.get(code);
    ctx.state.manifestCodes.delete(code);
    const app =
      issued && issued.expiresAt > ctx.state.now() ? ctx.state.createdApps.get(issued.appId) : undefined;
    if (!app) throw notFound();
    return {
      status: 201,
      body: {
        ...createdAppObject(ctx.state, app),
        client_id: app.clientId,
        client_secret: app.clientSecret,
        webhook_secret: app.webhookSecret,
        pem: app.privateKeyPem,
      },
    };
  },
};
