import type { Runtime } from './start-runtime.js';

/**
 * How long the process may linger once the runtime is closed. Closing is bounded by the shutdown
 * grace; a socket that ignored its abort (a hung upstream) must not keep the process alive after.
 */
export const EXIT_AFTER_CLOSE_MS = 100;

/**
 * Keeps a runtime up until SIGINT or SIGTERM, then closes it within its shutdown grace: the
 * receiver stops taking webhooks, workers stop fetching, running steps finish and checkpoint
 * (or their jobs go back to the queue), connections close; then the process exits with its
 * exit code (0) even if a hung request still holds a socket. A second signal exits at once.
 */
export async function runUntilSignal(runtime: Runtime, onStop: (signal: string) => void): Promise<void> {
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  onStop(signal);
  const force = () => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  await runtime.close();
  process.off('SIGINT', force);
  process.off('SIGTERM', force);
  // Unref'd: a process with nothing left open exits on its own, sooner.
  setTimeout(() => process.exit(), EXIT_AFTER_CLOSE_MS).unref();
}
