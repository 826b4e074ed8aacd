import type { Runtime } from './start-runtime.js';

/**
 * Keeps a runtime up until SIGINT or SIGTERM, then closes it: the receiver stops taking
 * webhooks, running scans finish, connections close. A second signal exits at once.
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
}
