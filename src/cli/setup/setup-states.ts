import { randomBytes, timingSafeEqual } from 'node:crypto';

/** At most this many unanswered setups (form loads, posts to GitHub) are remembered. */
const MAX_PENDING = 32;

/**
 * Single-use random tokens: the form token of the setup page (a page on another site cannot
 * post our form) and the OAuth-style `state` GitHub echoes on the redirect (a redirect this
 * setup did not start is refused, CSRF). Each is accepted once.
 */
export class SetupTokens {
  readonly #pending: Buffer[] = [];

  /** A new token (32 random bytes, hex). */
  issue(): string {
    const token = randomBytes(32);
    this.#pending.push(token);
    if (this.#pending.length > MAX_PENDING) this.#pending.shift();
    return token.toString('hex');
  }

  /** Whether `value` is a token issued and not yet used; it is used up if so. */
  consume(value: string | null | undefined): boolean {
    if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) return false;
    const given = Buffer.from(value, 'hex');
    // Compared with every pending token in constant time each, so timing says nothing.
    let found = -1;
    this.#pending.forEach((token, index) => {
      if (timingSafeEqual(token, given)) found = index;
    });
    if (found === -1) return false;
    this.#pending.splice(found, 1);
    return true;
  }
}
