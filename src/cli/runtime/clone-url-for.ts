/**
 * The git URL of a repository on the GitHub that `apiUrl` belongs to: github.com for
 * api.github.com, the host itself for GitHub Enterprise Server (`https://HOST/api/v3`).
 */
export function cloneUrlFor(apiUrl: string): (owner: string, repo: string) => string {
  const api = new URL(apiUrl);
  const web =
    api.hostname === 'api.github.com'
      ? 'https://github.com'
      : `${api.protocol}//${api.host}${api.pathname.replace(/\/api\/v3\/?$/, '').replace(/\/$/, '')}`;
  return (owner, repo) => `${web}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}.git`;
}
