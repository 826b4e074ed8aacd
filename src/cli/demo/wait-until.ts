import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../errors.js';

/** How often a condition is looked at again. */
const POLL_MS = 50;

/**
 * Resolves with `check()`'s first defined value; fails with one line naming `what` after
 * `timeoutMs`. The demo polls Redis and the emulators: cheap, and nothing to subscribe to.
 */
export async function waitUntil<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline)
      throw new CliError('cannot-start', `the demo gave up waiting for ${what} after ${timeoutMs / 1000} s.`);
    await sleep(POLL_MS);
  }
}
