import type { ReportedFinding } from '../../sources/files/local-scan-result.js';
import type { RootguardIgnore } from './rootguard-ignore.js';

/** Findings after suppression. */
export interface SuppressionResult {
  /** Findings to report: neither in `.rootguardignore` nor in the baseline. */
  readonly reported: readonly ReportedFinding[];
  /** Findings `.rootguardignore` keeps: what `--write-baseline` records. */
  readonly current: readonly ReportedFinding[];
  /** How many findings were dropped. */
  readonly suppressed: number;
}

/** Drops findings that `.rootguardignore` lists (by fingerprint or path) or the baseline holds. */
export function applySuppressions(
  findings: readonly ReportedFinding[],
  ignore: RootguardIgnore,
  baseline: ReadonlySet<string>,
): SuppressionResult {
  const current = findings.filter(
    (f) => !ignore.fingerprints.has(f.fingerprint) && !ignore.matchesPath(f.path),
  );
  const reported = current.filter((f) => !baseline.has(f.fingerprint));
  return { reported, current, suppressed: findings.length - reported.length };
}
