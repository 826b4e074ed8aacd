// The suite's secret canary: every key-shaped string a test file generates (KeyGenerator, or a key
// the Unkey emulator made and the file watches) is looked for, when the file ends, in everything
// the file's code under test put out: log lines, emulator request bodies, rendered reports (each
// registered as a source) and every value in the whole Redis server. `canary-setup.ts` runs the
// check after every test file (vitest `setupFiles`).
import type { Redis } from 'ioredis';
import { readRedisValuesMatching } from './redis-values.js';
import { findKeyMaterial } from './secret-canary.js';

type Texts = Iterable<[label: string, text: string]>;

const keys = new Set<string>();
const sources = new Map<string, () => Texts | Promise<Texts>>();

/** Registers keys the file made: none of them may appear in any source. */
export function watchKeys(...made: readonly string[]): void {
  for (const key of made) keys.add(key);
}

/**
 * Registers output of the code under test (texts by label), read when the file ends. Inputs the
 * test itself wrote (a commit that holds a key, a log that prints one) are not sources.
 */
export function watchOutput(name: string, read: () => Texts | Promise<Texts>): void {
  sources.set(name, read);
}

/** Every value in the Redis server, labelled by key (all prefixes: a leak anywhere counts). */
export async function redisTexts(redis: Redis): Promise<[string, string][]> {
  return (await readRedisValuesMatching(redis, '*')).map(([key, text]) => [`redis ${key}`, text]);
}

/** Where the file's keys leaked (labels), over every registered source and `extra`; then forgets both. */
export async function suiteLeaks(extra: Texts = []): Promise<string[]> {
  const texts: [string, string][] = [...extra];
  for (const [, read] of sources) texts.push(...(await read()));
  const found = keys.size === 0 ? [] : findKeyMaterial(texts, [...keys]);
  keys.clear();
  sources.clear();
  return found;
}

/** How many keys the file made so far (the canary's own test checks it sees them). */
export function watchedKeyCount(): number {
  return keys.size;
}
