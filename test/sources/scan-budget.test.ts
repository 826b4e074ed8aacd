import { describe, expect, it } from 'vitest';
import { ScanBudget } from '../../src/sources/scan-budget.js';

describe('ScanBudget', () => {
  it('writes every byte once, in order, in slices no larger than the budget, yielding between them', async () => {
    const budget = new ScanBudget(10);
    const slices: number[][] = [];
    // Whether the event loop turned (an immediate queued after the last slice ran) before each slice.
    const turned: boolean[] = [];
    let ran = false;
    const write = (s: Uint8Array) => {
      slices.push([...s]);
      turned.push(ran);
      ran = false;
      setImmediate(() => (ran = true));
    };
    await budget.write(
      Uint8Array.from({ length: 25 }, (_, i) => i),
      write,
    );
    // A later write goes on from what the budget already counted: 5 bytes fill the slice.
    await budget.write(
      Uint8Array.from({ length: 7 }, (_, i) => 25 + i),
      write,
    );
    expect(slices.flat()).toEqual(Array.from({ length: 32 }, (_, i) => i));
    expect(slices.map((s) => s.length)).toEqual([10, 10, 5, 5, 2]);
    // A turn before each slice that starts a new budget; none within one.
    expect(turned).toEqual([false, true, true, false, true]);
  });

  it('gives a Buffer slice to a Buffer writer', async () => {
    const seen: boolean[] = [];
    await new ScanBudget(4).write(Buffer.from('abcdefgh'), (s) => seen.push(Buffer.isBuffer(s)));
    expect(seen).toEqual([true, true]);
  });
});
