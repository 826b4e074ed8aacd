/**
 * The most results GitHub code scanning accepts in one SARIF run (its documented hard limit,
 * "Results per run: 25,000"; a larger run is rejected whole). rootguard writes the first ones.
 */
export const SARIF_MAX_RESULTS = 25_000;

/** Whether a SARIF report of `total` findings holds only the first `SARIF_MAX_RESULTS`. */
export function isSarifCapped(total: number): boolean {
  return total > SARIF_MAX_RESULTS;
}

/** Says that the SARIF report was capped: written in the run and on stderr. */
export function sarifCapMessage(total: number): string {
  return (
    `the SARIF report holds the first ${SARIF_MAX_RESULTS} of ${total} findings ` +
    `(GitHub code scanning accepts at most ${SARIF_MAX_RESULTS} results per run); ` +
    '--format json reports them all'
  );
}
