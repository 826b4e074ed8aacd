import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { uniquePrefix } from '../incidents/redis-fixture.js';
import { KeyGenerator } from './keygen.js';
import { redisTexts, suiteLeaks, watchedKeyCount, watchOutput } from './suite-canary.js';

describe('the suite canary (runs after every test file)', () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  const prefix = uniquePrefix('canary');
  afterAll(async () => {
    await redis.del(`${prefix}:planted`);
    await redis.quit();
  });

  it('watches every generated key and finds it, or a piece of it, in registered output', async () => {
    const key = new KeyGenerator(9901).rootKey();
    expect(watchedKeyCount()).toBeGreaterThanOrEqual(1);
    watchOutput('a log', () => [
      ['clean line', `leaked ${maskKey(key)}`],
      ['leaky line', `token=${key.slice(3, 20)}`],
    ]);
    expect(await suiteLeaks()).toEqual(['leaky line']);
    // Checked once: the registry starts over (the next file's keys and sources are its own).
    expect(watchedKeyCount()).toBe(0);
  });

  it('reads every value in Redis, whatever its prefix', async () => {
    const key = new KeyGenerator(9902).rootKey();
    await redis.hset(`${prefix}:planted`, 'field', JSON.stringify({ note: key }));
    expect(await suiteLeaks(await redisTexts(redis))).toEqual([`redis ${prefix}:planted`]);
  });
});
