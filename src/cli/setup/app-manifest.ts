import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CliError } from '../errors.js';

/**
 * GitHub's App manifest (docs.github.com, "Registering a GitHub App from a manifest"): what
 * `app.yml` says, plus the addresses only setup knows.
 */
export interface AppManifest {
  readonly name: string;
  /** The App's homepage. */
  readonly url: string;
  readonly description?: string;
  readonly hook_attributes: { readonly url: string; readonly active: true };
  /** Where GitHub sends the browser back with `code` and `state`: the setup page's callback. */
  readonly redirect_url: string;
  readonly callback_urls: readonly string[];
  readonly public: false;
  readonly default_events: readonly string[];
  readonly default_permissions: Readonly<Record<string, 'read' | 'write'>>;
}

/** What setup adds to `app.yml`. */
export interface AppManifestOptions {
  /** The App's name on GitHub (unique there). @defaultValue `app.yml`'s `name` */
  readonly name?: string;
  /** The webhook URL: the deployment's `/api/github/webhooks`, or a webhook proxy channel. */
  readonly webhookUrl: string;
  /** The setup page's callback (`redirect_url`, and the one `callback_urls` entry). */
  readonly redirectUrl: string;
  /** The App's homepage. */
  readonly homepageUrl: string;
}

/** Fields that hold a host: setup supplies them, so `app.yml` must not (it would win over setup's). */
const HOST_FIELDS = ['url', 'redirect_url', 'callback_urls', 'setup_url'] as const;

/** Where `app.yml` is from this module: the package root, from `src/cli/setup/` or `dist/src/cli/setup/`. */
const APP_YML_CANDIDATES = ['../../../app.yml', '../../../../app.yml'];

/** The text of rootguard's own `app.yml` (shipped in the package). */
export function readAppYml(): string {
  for (const candidate of APP_YML_CANDIDATES) {
    try {
      return readFileSync(new URL(candidate, import.meta.url), 'utf8');
    } catch {
      continue;
    }
  }
  throw new CliError(
    'setup-failed',
    "app.yml was not found next to rootguard's package.json; reinstall rootguard.",
  );
}

function invalid(problem: string): CliError {
  return new CliError('setup-failed', `app.yml ${problem}.`);
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw invalid(`must list ${field} as strings`);
  return value;
}

/**
 * The manifest GitHub creates the App from: `app.yml`'s name, description, events and
 * permissions, the webhook and callback addresses setup was given, and `public: false` (an App
 * that can revoke keys and write secrets is installed only by its owner's accounts).
 */
export function buildAppManifest(appYml: string, options: AppManifestOptions): AppManifest {
  const doc = parse(appYml) as Record<string, unknown> | null;
  if (doc === null || typeof doc !== 'object') throw invalid('must be a YAML mapping');
  for (const field of HOST_FIELDS)
    if (doc[field] !== undefined)
      throw invalid(`must name no host of its own: remove ${field} (rootguard setup fills it in)`);
  const hook = doc['hook_attributes'] as Record<string, unknown> | undefined;
  if (hook?.['url'] !== undefined)
    throw invalid(
      'must name no host of its own: remove hook_attributes.url (the webhook URL comes from rootguard setup)',
    );
  const permissions = doc['default_permissions'];
  if (permissions === null || typeof permissions !== 'object') throw invalid('must list default_permissions');
  for (const [name, level] of Object.entries(permissions))
    if (level !== 'read' && level !== 'write')
      throw invalid(`default_permissions.${name} must be read or write`);
  const name = options.name ?? doc['name'];
  if (typeof name !== 'string' || name.trim() === '') throw invalid('must give the App a name');
  const description = doc['description'];
  return {
    name: name.trim(),
    url: options.homepageUrl,
    ...(typeof description === 'string' ? { description: description.trim() } : {}),
    hook_attributes: { url: options.webhookUrl, active: true },
    redirect_url: options.redirectUrl,
    callback_urls: [options.redirectUrl],
    public: false,
    default_events: stringList(doc['default_events'], 'default_events'),
    default_permissions: permissions as Record<string, 'read' | 'write'>,
  };
}

/** An App's slug from its name, as GitHub makes it (for the homepage URL before the App exists). */
export function slugOfAppName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
