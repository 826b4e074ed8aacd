import { describe, expect, it } from 'vitest';
import { logRedisErrors } from '../../../src/cli/runtime/log-redis-errors.js';
import { createLogger } from '../../../src/log/create-logger.js';

describe('logRedisErrors', () => {
  it('logs the first error, then at most one per 30 s with the count left out', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', destination: { write: (line: string) => lines.push(line) } });
    let now = 0;
    const onError = logRedisErrors(log, 'producer connection', () => now);
    for (let i = 0; i < 5; i++) onError(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    now = 31_000;
    onError(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(lines.map((line) => JSON.parse(line) as { repeatsLeftOut: number; source: string })).toEqual([
      expect.objectContaining({ source: 'producer connection', repeatsLeftOut: 0 }),
      expect.objectContaining({ repeatsLeftOut: 4 }),
    ]);
  });
});
