import { describe, expect, it } from 'vitest';
import { CleanupStack } from '../../../src/cli/demo/cleanup-stack.js';

describe('CleanupStack', () => {
  it('runs the steps last-added first, once, past a step that fails', async () => {
    const ran: string[] = [];
    const stack = new CleanupStack();
    stack.push(async () => ran.push('redis-server'));
    stack.push(async () => {
      ran.push('emulators');
      throw new Error('already closed');
    });
    stack.push(async () => ran.push('runtime'));
    await Promise.all([stack.run(), stack.run()]);
    await stack.run();
    expect(ran).toEqual(['runtime', 'emulators', 'redis-server']);
  });
});
