/** Stable codes of incident store errors. */
export type IncidentErrorCode =
  | 'bad-input'
  | 'key-material'
  | 'fingerprint-clash'
  /** The retention pass could not write its archive (nothing was removed). */
  | 'archive-failed'
  /** An incident kept changing while it was read for the archive. */
  | 'busy';

/** The one error type of `src/incidents`. Messages hold ids and field names, never key material. */
export class IncidentError extends Error {
  override readonly name = 'IncidentError';
  readonly code: IncidentErrorCode;

  constructor(code: IncidentErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
