import { maskSecrets } from '../log/mask-secrets.js';

/**
 * The error a worker's processor should throw instead of `error`: same name, code and status,
 * with message and stack masked. BullMQ stores a failed job's message and stack in Redis (and
 * Bull Board shows them), so they must pass the mask first.
 */
export function cleanError(error: unknown): Error {
  const source =
    error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'non-error thrown');
  const cleaned = new Error(maskSecrets(source.message));
  cleaned.name = source.name;
  cleaned.stack = maskSecrets(source.stack ?? `${source.name}: ${source.message}`);
  for (const field of ['code', 'status'] as const) {
    const value = (source as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') Object.assign(cleaned, { [field]: value });
  }
  return cleaned;
}
