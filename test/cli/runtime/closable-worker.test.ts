import { describe, expect, it } from 'vitest';
import { closableWorker } from '../../../src/cli/runtime/closable-worker.js';
import { createLogger } from '../../../src/log/create-logger.js';

describe('closableWorker', () => {
  it("logs the worker's errors under its name, closes it gracefully, and forcing disconnects it", async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', destination: { write: (line: string) => lines.push(line) } });
    const calls: string[] = [];
    let onError: ((error: Error) => void) | undefined;
    const closable = closableWorker(
      'scan worker',
      {
        on: (_event, listener) => (onError = listener),
        close: async () => void calls.push('close'),
        disconnect: async () => {
          calls.push('disconnect');
          throw new Error('already gone');
        },
      },
      log,
    );
    onError?.(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ source: 'scan worker', msg: 'redis error' });
    expect(closable.name).toBe('scan worker');
    await closable.close();
    closable.force();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['close', 'disconnect']);
  });
});
