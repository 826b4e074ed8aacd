import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeWithin, FORCE_WINDOW_MS, type Closable } from '../../../src/cli/runtime/close-within.js';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A closable that records what happened to it; `hang` never finishes closing by itself. */
function recording(name: string, events: string[], hang = false): Closable {
  return {
    name,
    close: () => {
      events.push(`close ${name}`);
      return hang ? new Promise<void>(() => undefined) : Promise.resolve();
    },
    force: () => {
      events.push(`force ${name}`);
      // Forcing a worker drops its connection; its close may still never settle.
    },
  };
}

describe('closeWithin', () => {
  it('closes stage after stage and forces nothing when all finish in time', async () => {
    const events: string[] = [];
    const result = await closeWithin(
      [[recording('receiver', events), recording('worker', events)], [recording('redis', events)]],
      10_000,
    );
    expect(result.forced).toEqual([]);
    expect(events).toEqual(['close receiver', 'close worker', 'close redis']);
  });

  it('forces what is still closing, and every later stage, when the grace runs out', async () => {
    const events: string[] = [];
    const closing = closeWithin(
      [[recording('receiver', events), recording('worker', events, true)], [recording('redis', events)]],
      10_000,
    );
    let result: { forced: readonly string[] } | undefined;
    void closing.then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(10_000 - FORCE_WINDOW_MS - 1);
    expect(events).toEqual(['close receiver', 'close worker']);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual(['close receiver', 'close worker', 'force worker', 'force redis']);
    // The hung close never settles: the result comes anyway, within the grace.
    await vi.advanceTimersByTimeAsync(FORCE_WINDOW_MS / 2);
    expect(result).toEqual({ forced: ['worker', 'redis'] });
  });

  it('keeps half a short grace for letting work finish', async () => {
    const events: string[] = [];
    void closeWithin([[recording('worker', events, true)]], 1_000);
    await vi.advanceTimersByTimeAsync(499);
    expect(events).toEqual(['close worker']);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual(['close worker', 'force worker']);
  });
});
