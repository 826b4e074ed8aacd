import { describe, expect, it } from 'vitest';
import { topSelfTime, type CpuProfile } from '../../bench/scan/top-self-time.js';

const frame = (functionName: string, lineNumber = 0) => ({ functionName, url: '', lineNumber });

describe('topSelfTime', () => {
  it('adds up the time until the next sample per innermost function, and sorts it', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('scan') },
        { id: 3, callFrame: frame('') },
      ],
      samples: [2, 3, 2, 2, 1],
      timeDeltas: [1000, 3000, 1000, 500, 500],
    };
    // A sample lasts until the next one: the last sample has no known length.
    expect(topSelfTime(profile, 2)).toEqual([
      { frame: 'scan', milliseconds: 4, share: 0.8 },
      { frame: '(anonymous)', milliseconds: 1, share: 0.2 },
    ]);
  });
});
