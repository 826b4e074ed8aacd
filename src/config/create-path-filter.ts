import picomatch from 'picomatch';
import type { RepoConfig } from './repo-config.js';

/** What a repository's config lets a scan leave out. */
export interface PathFilter {
  /** The path (relative to the repository root) matches a `paths.ignore` glob. */
  ignorePath(path: string): boolean;
  /** The key with this fingerprint is on the `allow` list. */
  allowFingerprint(fingerprint: string): boolean;
}

/**
 * Compiles `paths.ignore` (picomatch, dotfiles included, matched against the whole path; a glob
 * ending in `/` means everything under that folder) and `allow` once per scan.
 */
export function createPathFilter(config: RepoConfig): PathFilter {
  const globs = config.paths.ignore.map((glob) => (glob.endsWith('/') ? `${glob}**` : glob));
  const isIgnored = globs.length === 0 ? () => false : picomatch(globs, { dot: true });
  const allowed = new Set(config.allow);
  return {
    ignorePath: (path) => isIgnored(path.replace(/^\.\//, '')),
    allowFingerprint: (fingerprint) => allowed.has(fingerprint),
  };
}
