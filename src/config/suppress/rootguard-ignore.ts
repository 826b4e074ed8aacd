import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Picomatch from 'picomatch';
import { describeSystemError } from '../describe-system-error.js';
import { ConfigError } from '../errors.js';

/** The suppression file read from the scan root. */
export const IGNORE_FILE_NAME = '.rootguardignore';

// A finding's fingerprint: standard base64 of a SHA-256 digest, with its padding.
const FINGERPRINT = /^[A-Za-z0-9+/]{43}=$/;

// picomatch loads only when the file holds a glob: most scans have no .rootguardignore.
const require = createRequire(import.meta.url);
let picomatchModule: typeof Picomatch | undefined;
function loadPicomatch(): typeof Picomatch {
  picomatchModule ??= require('picomatch') as typeof Picomatch;
  return picomatchModule;
}

/** Findings to drop: by key fingerprint (anywhere) or by path (any key). */
export interface RootguardIgnore {
  readonly fingerprints: ReadonlySet<string>;
  /** Whether a reported path (relative to the scan root, `/`-separated) matches a glob. */
  matchesPath(path: string): boolean;
}

/**
 * Parses `.rootguardignore`: one entry per line; `#` starts a comment line; a fingerprint
 * (`base64(sha256(key))`) suppresses that key anywhere; anything else is a path glob (picomatch)
 * matched against the path relative to the scan root. A glob without `/` matches a file name in
 * any directory; a leading `/` anchors it to the root; a trailing `/` matches everything below.
 */
export function parseRootguardIgnore(text: string, source = IGNORE_FILE_NAME): RootguardIgnore {
  const fingerprints = new Set<string>();
  const matchers: ((path: string) => boolean)[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (FINGERPRINT.test(line)) {
      fingerprints.add(line);
      continue;
    }
    const anchored = line.startsWith('/');
    let glob = anchored ? line.slice(1) : line;
    if (glob.endsWith('/')) glob += '**';
    try {
      matchers.push(loadPicomatch()(glob, { dot: true, basename: !anchored && !glob.includes('/') }));
    } catch (error) {
      throw new ConfigError(
        'config-invalid',
        IGNORE_FILE_NAME,
        `${source} line ${index + 1}: bad glob: ${describeSystemError(error)}`,
      );
    }
  }
  return { fingerprints, matchesPath: (path) => matchers.some((matches) => matches(path)) };
}

/** Reads `.rootguardignore` from the scan root; an absent file suppresses nothing. */
export function readRootguardIgnore(root: string): RootguardIgnore {
  const file = join(root, IGNORE_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return parseRootguardIgnore('');
    throw new ConfigError(
      'config-unreadable',
      IGNORE_FILE_NAME,
      `cannot read ${file}: ${describeSystemError(error)}`,
    );
  }
  return parseRootguardIgnore(text, file);
}
