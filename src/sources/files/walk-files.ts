import { lstatSync, readdirSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { describeSystemError } from '../../config/describe-system-error.js';
import { SourceError } from '../errors.js';
import { ancestorChain, extendChain, isIgnored, type IgnoreChain } from './gitignore-chain.js';

/** Directory names never entered: git's own data and installed dependencies. */
export const SKIPPED_DIRECTORY_NAMES: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** What the walk passed over, for the scan's stats. */
export interface WalkCounters {
  /** Symbolic links met; they are never followed, not even when named on the command line. */
  symlinks: number;
  /** Fifos, sockets and devices: not regular files, so not read. */
  skipped: number;
}

function unreadable(path: string, error: unknown): SourceError {
  return new SourceError('unreadable-path', `cannot read ${path}: ${describeSystemError(error)}`);
}

function lstatOrThrow(path: string): Stats {
  try {
    return lstatSync(path);
  } catch (error) {
    throw unreadable(path, error);
  }
}

/** The ignore file read in each folder the walk enters. */
const GITIGNORE_NAME = '.gitignore';

/** Walks `dir`, whose parent's rules are `parentChain`; `dir`'s own `.gitignore` joins them. */
function* walkDirectory(dir: string, parentChain: IgnoreChain, counters: WalkCounters): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw unreadable(dir, error);
  }
  // The listing tells whether there is a .gitignore: no read attempt (and ENOENT) per folder.
  const chain = entries.some((entry) => entry.name === GITIGNORE_NAME && !entry.isDirectory())
    ? extendChain(parentChain, dir)
    : parentChain;
  // Name order, so that reports are the same on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (SKIPPED_DIRECTORY_NAMES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) counters.symlinks++;
    else if (entry.isDirectory()) {
      if (!isIgnored(chain, path, true)) yield* walkDirectory(path, chain, counters);
    } else if (isIgnored(chain, path, false)) continue;
    else if (entry.isFile()) yield path;
    else counters.skipped++;
  }
}

/**
 * The ignore files above a directory named on the command line, less those that ignore the
 * directory itself (or a folder above it): naming an ignored folder means "scan it", as with
 * ripgrep, and scanning more is the safe side. Their other rules would be lost with them, so a
 * level is dropped only when it ignores the named directory.
 */
function chainAboveNamedRoot(root: string): IgnoreChain {
  return ancestorChain(root).filter((level) => !isIgnored([level], root, true));
}

/**
 * The regular files at or under `root` (absolute), in name order. Skips `.git` and `node_modules`,
 * honours `.gitignore` files (the repository's, from its root down, and nested ones) for what is
 * below `root`, and never follows symbolic links. `root` itself is scanned even when ignored.
 */
export function* walkFiles(root: string, counters: WalkCounters): Generator<string> {
  const stats = lstatOrThrow(root);
  if (stats.isSymbolicLink()) counters.symlinks++;
  else if (stats.isFile()) yield root;
  else if (stats.isDirectory()) yield* walkDirectory(root, chainAboveNamedRoot(root), counters);
  else counters.skipped++;
}
