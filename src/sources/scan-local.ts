import { applySuppressions } from '../config/suppress/apply-suppressions.js';
import { readRootguardIgnore } from '../config/suppress/rootguard-ignore.js';
import { scanPaths } from './files/scan-paths.js';
import type { ReportedFinding, ScanStats } from './local-scan-result.js';
import type { ScanEngine } from './scan-engine.js';

/** What `scanLocal` reads: the files, standard input or git history of this machine. */
export interface ScanLocalOptions {
  readonly engine: ScanEngine;
  /** Relative paths are resolved, findings reported and `git` run from here. */
  readonly cwd: string;
  /** Passed to `git`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Read when a path is `-`. */
  readonly stdin: AsyncIterable<Uint8Array | string>;
  /**
   * Files and directories to scan, `-` for standard input; with `history`, git pathspecs that
   * limit it (`-` is then not standard input: the CLI refuses the pair). @defaultValue `['.']`
   * for files, the whole tree for history
   */
  readonly paths: readonly string[];
  /** Scan the lines the commits added instead of files: in `range`, or all of HEAD's history. */
  readonly history?: { readonly range?: string };
  /** Fingerprints that are not reported again (`--baseline`). @defaultValue none */
  readonly baseline?: ReadonlySet<string>;
}

/** What a local scan found, after suppression. */
export interface ScanLocalResult {
  /** Findings to report, in input order. */
  readonly findings: readonly ReportedFinding[];
  /** Findings `.rootguardignore` keeps, the baseline's included: what a new baseline records. */
  readonly current: readonly ReportedFinding[];
  /** What was covered, with `suppressed` counted; `ms` is left for the caller's clock. */
  readonly stats: ScanStats;
}

async function scanUnsuppressed(
  options: ScanLocalOptions,
): Promise<{ root: string; findings: readonly ReportedFinding[]; stats: ScanStats }> {
  const { engine, cwd, env, paths } = options;
  if (options.history === undefined) {
    const result = await scanPaths({
      engine,
      cwd,
      paths: paths.length > 0 ? paths : ['.'],
      stdin: options.stdin,
    });
    return { root: cwd, ...result };
  }
  const { range } = options.history;
  // Loaded only for history: a plain file scan starts without the git code.
  const { scanGitHistory } = await import('./git/scan-git-history.js');
  return scanGitHistory({ engine, cwd, env, pathspecs: paths, ...(range ? { range } : {}) });
}

/**
 * `rootguard scan`'s source: files and directories (walked with `.gitignore`), standard input,
 * or the lines each commit of the local repository added. Drops what `.rootguardignore` at the
 * scan root (the repository root for history) or the baseline suppresses, and counts it.
 */
export async function scanLocal(options: ScanLocalOptions): Promise<ScanLocalResult> {
  const scanned = await scanUnsuppressed(options);
  const { reported, current, suppressed } = applySuppressions(
    scanned.findings,
    readRootguardIgnore(scanned.root),
    options.baseline ?? new Set<string>(),
  );
  return { findings: reported, current, stats: { ...scanned.stats, suppressed } };
}
