/**
 * The hosts GitHub serves Actions logs from (GitHub's list of hosts self-hosted runners must
 * reach: `*.github.com`, `*.githubusercontent.com`, and the `productionresultssa0`–`19` blob
 * accounts that hold job logs and artifacts).
 */
const GITHUB_LOG_HOSTS: readonly RegExp[] = [
  /^github\.com$/,
  /\.github\.com$/,
  /\.githubusercontent\.com$/,
  /^productionresultssa[0-9]{1,2}\.blob\.core\.windows\.net$/,
];

/** `localhost`, 127.0.0.0/8 or ::1. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.(?:[0-9]{1,3}\.){2}[0-9]{1,3}$/.test(host);
}

/**
 * Whether a log link (or a redirect of one) may be fetched: https to one of GitHub's log hosts or
 * to the configured API's host (GitHub Enterprise Server serves logs itself); plain http only when
 * both the API and the link are on loopback (the emulator). Anything else (another host, another
 * scheme, a `file:` URL) is refused before a connection is made.
 */
export function isAllowedLogLink(link: string, apiUrl: string): boolean {
  let url: URL;
  let api: URL;
  try {
    url = new URL(link);
    api = new URL(apiUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'http:')
    return api.protocol === 'http:' && isLoopback(api.hostname) && isLoopback(url.hostname);
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return host === api.hostname.toLowerCase() || GITHUB_LOG_HOSTS.some((pattern) => pattern.test(host));
}

/** A link's scheme and host, for an error: never its path or query (they carry the signature). */
export function describeLogLink(link: string): string {
  try {
    const url = new URL(link);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'something that is not a URL';
  }
}
