// vitest setupFiles: after each test file, the suite canary (suite-canary.ts) looks for the
// file's generated keys in its registered output and in every Redis value.
import { Redis } from 'ioredis';
import { afterAll, expect } from 'vitest';
import { redisTexts, suiteLeaks, watchedKeyCount } from './suite-canary.js';

afterAll(async () => {
  if (watchedKeyCount() === 0) {
    await suiteLeaks();
    return;
  }
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  let stored: [string, string][] = [];
  try {
    await redis.connect();
    stored = await redisTexts(redis);
  } catch {
    // No Redis (a unit-only run): the registered sources are still checked.
  } finally {
    redis.disconnect();
  }
  expect(await suiteLeaks(stored), 'generated key material in output or Redis').toEqual([]);
});
