/** One finding (or one incident's playbook) that `recordFindings` could not store or queue. */
export interface RecordFailure {
  readonly incidentId: string;
  /** The key, masked. */
  readonly masked?: string;
  /** Why, masked: never holds key material. */
  readonly reason: string;
}

/**
 * Some findings of a scan were not recorded (or their playbooks not queued); the others were,
 * and their playbooks are queued. Thrown so the scan job retries: recording is idempotent.
 */
export class RecordFindingsError extends Error {
  override readonly name = 'RecordFindingsError';
  readonly code = 'findings-not-recorded';
  readonly failures: readonly RecordFailure[];

  constructor(failures: readonly RecordFailure[]) {
    super(
      `${failures.length} finding(s) not recorded: ` +
        failures.map((f) => `${f.incidentId}${f.masked ? ` (${f.masked})` : ''}: ${f.reason}`).join('; '),
    );
    this.failures = failures;
  }
}
