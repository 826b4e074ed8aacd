import { isLoopbackHost } from '../../config/env-config.js';
import { CliError } from '../errors.js';

/** github.com's web address: the default of `rootguard setup --github-url`. */
export const GITHUB_COM_URL = 'https://github.com';
const GITHUB_COM_API_URL = 'https://api.github.com';

/** Where the App is registered (the web pages) and where its code is exchanged (the REST API). */
export interface GitHubHost {
  /** The web address, without a trailing slash: `https://github.com` or a GHES `https://HOST`. */
  readonly webUrl: string;
  /** The REST API: `https://api.github.com`, or a GHES `https://HOST/api/v3`. */
  readonly apiUrl: string;
}

/** An https URL (plain http only for a loopback host: an emulator), without a trailing slash. */
function parseBaseUrl(raw: string, option: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(
      'bad-option',
      `${option} must be a URL such as ${GITHUB_COM_URL}; the value given is not one.`,
    );
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    throw new CliError(
      'bad-option',
      `${option} must be an https URL without query or credentials, such as ${GITHUB_COM_URL} (plain http only for a loopback host); ${JSON.stringify(url.origin)} is not one.`,
    );
  return url.toString().replace(/\/+$/, '');
}

/**
 * github.com, or a GitHub Enterprise Server from its web address (`--github-url https://HOST`,
 * whose API is `https://HOST/api/v3` unless `--github-api-url` says otherwise).
 */
export function resolveGitHubHost(options: { githubUrl?: string; githubApiUrl?: string }): GitHubHost {
  const webUrl = parseBaseUrl(options.githubUrl ?? GITHUB_COM_URL, '--github-url');
  const apiUrl =
    options.githubApiUrl !== undefined
      ? parseBaseUrl(options.githubApiUrl, '--github-api-url')
      : new URL(webUrl).hostname === 'github.com'
        ? GITHUB_COM_API_URL
        : `${webUrl}/api/v3`;
  return { webUrl, apiUrl };
}

/**
 * The host of an App's API URL (`GITHUB_API_URL`): `https://api.github.com` is github.com,
 * `https://HOST/api/v3` is the GitHub Enterprise Server at `https://HOST`, anything else (an
 * emulator) serves its pages and its API at the same address. `serve` registers there.
 */
export function hostOfApiUrl(apiUrl: string | undefined): { githubUrl?: string; githubApiUrl?: string } {
  const trimmed = apiUrl?.trim().replace(/\/+$/, '');
  if (trimmed === undefined || trimmed === '' || trimmed === GITHUB_COM_API_URL) return {};
  return { githubUrl: trimmed.replace(/\/api\/v3$/, ''), githubApiUrl: trimmed };
}

/** Whether the API is github.com's (then `GITHUB_API_URL` needs no setting). */
export function isGitHubCom(host: GitHubHost): boolean {
  return host.apiUrl === GITHUB_COM_API_URL;
}

/** An organisation login as GitHub allows it: letters, digits and single dashes, 1 to 39. */
const ORG_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Whether `org` can be an organisation's login (it goes into a URL path). */
export function isOrgLogin(org: string): boolean {
  return ORG_LOGIN.test(org);
}

/**
 * The page the manifest is posted to: `<web>/settings/apps/new` for the user's own account, or
 * `<web>/organizations/<org>/settings/apps/new`; `state` comes back on the redirect.
 */
export function newAppUrl(host: GitHubHost, org: string | undefined, state: string): string {
  const owner = org === undefined ? '' : `/organizations/${encodeURIComponent(org)}`;
  return `${host.webUrl}${owner}/settings/apps/new?state=${encodeURIComponent(state)}`;
}
