import { describe, expect, it } from 'vitest';
import { LineMap } from '../../../src/sources/git/line-map.js';

describe('LineMap', () => {
  it('maps scanned lines through runs of consecutive file lines', () => {
    const map = new LineMap();
    // Hunk 1: file lines 10-12 are scanned lines 1-3; hunk 2: file line 40 is scanned line 4.
    for (const [scan, file] of [
      [1, 10],
      [2, 11],
      [3, 12],
      [4, 40],
      [5, 41],
    ] as const)
      map.set(scan, file);
    expect([1, 2, 3, 4, 5].map((line) => map.get(line))).toEqual([10, 11, 12, 40, 41]);
  });

  it('maps several scanned lines to one file line (a line holding lone CRs)', () => {
    const map = new LineMap();
    map.set(1, 7);
    map.set(2, 7);
    map.set(3, 7);
    map.set(4, 8);
    expect([1, 2, 3, 4].map((line) => map.get(line))).toEqual([7, 7, 7, 8]);
  });
});
