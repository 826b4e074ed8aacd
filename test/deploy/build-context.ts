// The build context a clean clone would send to the builder: the committed tree (plus changes to
// tracked files not yet committed, so the test checks what is about to be committed), less what
// .dockerignore excludes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import picomatch from 'picomatch';

/** The repository's tree as `git archive` gives it, written to `dir`. */
export function extractCleanTree(repository: string, dir: string): void {
  // `git stash create` makes a commit of the working tree's tracked changes without touching
  // anything (no ref, no reset); it prints nothing when there are none.
  const stash = execFileSync('git', ['stash', 'create'], { cwd: repository, encoding: 'utf8' }).trim();
  const archive = execFileSync('git', ['archive', '--format=tar', stash || 'HEAD'], {
    cwd: repository,
    maxBuffer: 512 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
}

/**
 * Removes what `.dockerignore` excludes, as Docker reads it: each pattern is matched against the
 * path from the context root (`*` within one name, `**` across names), a matched folder takes
 * everything in it, the last matching pattern wins and `!` re-includes.
 */
export function applyDockerignore(context: string): string[] {
  const file = join(context, '.dockerignore');
  if (!existsSync(file)) return [];
  const rules = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      return { negated, matches: picomatch(pattern, { dot: true }) };
    });
  const excluded = (path: string): boolean => {
    let result = false;
    for (const rule of rules) if (rule.matches(path)) result = !rule.negated;
    return result;
  };
  const removed: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const path = relative(context, full);
      if (excluded(path)) {
        rmSync(full, { recursive: true, force: true });
        removed.push(path);
      } else if (entry.isDirectory()) walk(full);
    }
  };
  walk(context);
  return removed;
}
