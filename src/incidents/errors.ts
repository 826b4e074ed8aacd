/** Stable codes of incident store errors. */
export type IncidentErrorCode = 'bad-input' | 'key-material' | 'fingerprint-clash' | 'archive-failed';

/** The one error type of `src/incidents`. Messages hold ids and field names, never key material. */
export class IncidentError extends Error {
  override readonly name = 'IncidentError';
  readonly code: IncidentErrorCode;

  constructor(code: IncidentErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
