import { webUrlFor } from '../../github/web-url.js';

/** The git URL of a repository on the GitHub that `apiUrl` belongs to (see `webUrlFor`). */
export function cloneUrlFor(apiUrl: string): (owner: string, repo: string) => string {
  const web = webUrlFor(apiUrl);
  return (owner, repo) => `${web}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}.git`;
}
