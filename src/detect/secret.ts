import { maskKey } from './mask.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * Holds a plaintext key for the moment it is needed. Every way a value usually escapes
 * (`String()`, template strings, `JSON.stringify`, `console.log`/`util.inspect`) yields the mask.
 * Only `reveal()` gives the plaintext, so every use of it is explicit and easy to audit.
 */
export class Secret {
  readonly #plaintext: string;
  readonly masked: string;

  constructor(plaintext: string) {
    this.#plaintext = plaintext;
    this.masked = maskKey(plaintext);
  }

  /** The plaintext. Call only where the key must be used (hashing, sealing, an API call). */
  reveal(): string {
    return this.#plaintext;
  }

  toString(): string {
    return this.masked;
  }

  toJSON(): string {
    return this.masked;
  }

  [inspectSymbol](): string {
    return `Secret(${this.masked})`;
  }
}
