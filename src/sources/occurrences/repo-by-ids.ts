/** The repository's name when it is a plain `owner/name`, else `the repository` (stored reasons name ids only). */
export function repoByIds(repo: string): string {
  return /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(repo) ? repo : 'the repository';
}
