/**
 * The web base of the GitHub that `apiUrl` belongs to: `https://github.com` for api.github.com,
 * the host itself for GitHub Enterprise Server (`https://HOST/api/v3`), the URL itself otherwise
 * (the emulator serves both). No trailing slash.
 */
export function webUrlFor(apiUrl: string): string {
  const api = new URL(apiUrl);
  return api.hostname === 'api.github.com'
    ? 'https://github.com'
    : `${api.protocol}//${api.host}${api.pathname.replace(/\/api\/v3\/?$/, '').replace(/\/$/, '')}`;
}
