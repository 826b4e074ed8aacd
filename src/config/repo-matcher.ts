import picomatch from 'picomatch';

/**
 * A matcher of `owner/name` for a config `match`: an organisation name alone means every
 * repository of it, otherwise an `owner/repo` glob; case-insensitive, like GitHub's names.
 */
export function repoMatcher(match: string): (repo: string) => boolean {
  const glob = match.includes('/') ? match : `${match}/*`;
  return picomatch(glob, { nocase: true, dot: true });
}
