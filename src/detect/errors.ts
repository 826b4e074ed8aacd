/** Stable codes of the errors the detector throws. */
export type DetectErrorCode = 'bad-api-key-prefix' | 'write-after-end';

/**
 * The one error type of `src/detect`. Messages name the setting and the fix, and never hold key
 * material: a prefix is configuration, not a secret.
 */
export class DetectError extends Error {
  override readonly name = 'DetectError';
  readonly code: DetectErrorCode;

  constructor(code: DetectErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
