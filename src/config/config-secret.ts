const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const REDACTED = '[redacted]';

/**
 * A credential from the environment (private key, webhook secret). Logging or serializing the
 * config shows `[redacted]`; only `reveal()` gives the value, where Probot needs it.
 */
export class ConfigSecret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return `ConfigSecret(${REDACTED})`;
  }
}
