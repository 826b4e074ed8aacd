import type { RootguardIgnore } from './rootguard-ignore.js';

/** What suppression reads of a finding: its key's fingerprint and the path it is reported under. */
export interface SuppressibleFinding {
  readonly fingerprint: string;
  /** Relative to the scan root, `/`-separated (as `.rootguardignore` globs are written). */
  readonly path: string;
}

/** Findings after suppression. */
export interface SuppressionResult<F extends SuppressibleFinding> {
  /** Findings to report: neither in `.rootguardignore` nor in the baseline. */
  readonly reported: readonly F[];
  /** Findings `.rootguardignore` keeps: what `--write-baseline` records. */
  readonly current: readonly F[];
  /** How many findings were dropped. */
  readonly suppressed: number;
}

/** Drops findings that `.rootguardignore` lists (by fingerprint or path) or the baseline holds. */
export function applySuppressions<F extends SuppressibleFinding>(
  findings: readonly F[],
  ignore: RootguardIgnore,
  baseline: ReadonlySet<string>,
): SuppressionResult<F> {
  const current = findings.filter(
    (f) => !ignore.fingerprints.has(f.fingerprint) && !ignore.matchesPath(f.path),
  );
  const reported = current.filter((f) => !baseline.has(f.fingerprint));
  return { reported, current, suppressed: findings.length - reported.length };
}
