/**
 * What the scan worker counts (the runtime passes `src/observe`'s metrics): each scan once, when
 * its content is read (`complete`, `incomplete` with its reason codes, `skipped`) or its last
 * attempt failed before that (`failed`).
 */
export interface ScanMetrics {
  scanFinished(kind: string, result: string, bytes?: number, incomplete?: readonly string[]): void;
}

/** A scan's result as counted: status, bytes read and the reason codes of what was not. */
export function countScan(
  metrics: ScanMetrics | undefined,
  kind: string,
  result: {
    readonly status: string;
    readonly stats: { readonly bytes: number };
    readonly incomplete: readonly { readonly code: string }[];
  },
): void {
  metrics?.scanFinished(
    kind,
    result.status,
    result.stats.bytes,
    result.incomplete.map((reason) => reason.code),
  );
}
