/** The repository's page under GitHub's web base (`https://github.com/owner/name`). */
export function repositoryPage(githubUrl: string, repo: string): string {
  return `${githubUrl.replace(/\/+$/, '')}/${encodePath(repo)}`;
}

/** Each `/`-separated segment percent-encoded. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
