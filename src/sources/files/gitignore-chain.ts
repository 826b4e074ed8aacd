import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';
import type IgnoreFactory from 'ignore';
import { describeSystemError } from '../../config/describe-system-error.js';
import { SourceError } from '../errors.js';

/** The rules of one ignore file and the directory its patterns are relative to. */
export interface IgnoreLevel {
  readonly base: string;
  readonly rules: Ignore;
}

/** The ignore files that apply to a directory, outermost first (deeper files win, as in git). */
export type IgnoreChain = readonly IgnoreLevel[];

// `ignore` loads with the first ignore file met: a folder without any never pays for it.
const require = createRequire(import.meta.url);
let ignoreModule: typeof IgnoreFactory | undefined;
function loadIgnore(): typeof IgnoreFactory {
  ignoreModule ??= require('ignore') as typeof IgnoreFactory;
  return ignoreModule;
}

/** Reads an ignore file; `undefined` when there is none. */
function readRules(file: string): Ignore | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw new SourceError('unreadable-path', `cannot read ${file}: ${describeSystemError(error)}`);
  }
  // Case-sensitive, as git is by default on Linux: when in doubt, scan rather than skip.
  return loadIgnore()({ ignorecase: false }).add(text);
}

/** The chain for `dir`: the parent chain plus `dir/.gitignore` when it exists. */
export function extendChain(chain: IgnoreChain, dir: string): IgnoreChain {
  const rules = readRules(join(dir, '.gitignore'));
  return rules ? [...chain, { base: dir, rules }] : chain;
}

/** Whether git would ignore `path` (absolute; `isDirectory` as git needs a trailing slash for dirs). */
export function isIgnored(chain: IgnoreChain, path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const level of chain) {
    const rel = relative(level.base, path).split(sep).join('/');
    if (rel === '' || rel.startsWith('../')) continue;
    const result = level.rules.test(isDirectory ? `${rel}/` : rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** The nearest directory at or above `dir` holding `.git`, or `undefined` outside a repository. */
function findRepoRoot(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    try {
      statSync(join(current, '.git'));
      return current;
    } catch {
      if (dirname(current) === current) return undefined;
    }
  }
}

/**
 * The chain that applies to `dir` from outside it: the repository's `.git/info/exclude` and the
 * `.gitignore` files from the repository root down to `dir`'s parent. Outside a repository: none.
 */
export function ancestorChain(dir: string): IgnoreChain {
  const root = findRepoRoot(dir);
  if (root === undefined) return [];
  const exclude = readRules(join(root, '.git', 'info', 'exclude'));
  let chain: IgnoreChain = exclude ? [{ base: root, rules: exclude }] : [];
  if (root === dir) return chain;
  chain = extendChain(chain, root);
  let current = root;
  for (const part of relative(root, dir).split(sep).slice(0, -1)) {
    current = join(current, part);
    chain = extendChain(chain, current);
  }
  return chain;
}
