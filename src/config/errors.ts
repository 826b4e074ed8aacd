/** Stable codes of configuration errors. */
export type ConfigErrorCode = 'config-missing' | 'config-invalid' | 'config-unreadable' | 'config-conflict';

/**
 * The one error type of start-up configuration. The message is one sentence naming the setting
 * and the fix; it never holds a secret value (a private key, a webhook secret, a Redis password).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;
  /**
   * The setting at fault: an environment variable (`APP_ID`), or for `rootguard scan` an option
   * (`--baseline`) or a file (`.rootguardignore`).
   */
  readonly field: string;
  /**
   * Each problem of a configuration file, by path (`policy.rules[1].mode`); the message holds
   * their sentences in the same order. Empty for a single environment variable.
   */
  readonly problems: readonly { readonly path: string; readonly message: string }[];

  constructor(
    code: ConfigErrorCode,
    field: string,
    message: string,
    problems: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(message);
    this.code = code;
    this.field = field;
    this.problems = problems;
  }
}
