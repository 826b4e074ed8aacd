import { describe, expect, it } from 'vitest';
import { redisAnswers } from '../../src/queue/redis-answers.js';

describe('redisAnswers', () => {
  it('is true only when PING answers PONG, and an error is a no', async () => {
    expect(await redisAnswers({ ping: async () => 'PONG' })).toBe(true);
    expect(await redisAnswers({ ping: async () => 'LOADING' as 'PONG' })).toBe(false);
    expect(
      await redisAnswers({
        ping: async () => {
          throw new Error('Connection is closed.');
        },
      }),
    ).toBe(false);
  });
});
