import { describe, expect, it } from 'vitest';
import { topSelfTime, type CpuProfile } from '../../bench/scan/top-self-time.js';

const frame = (functionName: string, lineNumber = 0) => ({ functionName, url: '', lineNumber });

describe('topSelfTime', () => {
  it('adds up sample time per innermost function and sorts it', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('scan') },
        { id: 3, callFrame: frame('') },
      ],
      samples: [2, 3, 2, 2, 1],
      timeDeltas: [1000, 3000, 1000, 500, 500],
    };
    expect(topSelfTime(profile, 2)).toEqual([
      { frame: '(anonymous)', milliseconds: 3, share: 0.5 },
      { frame: 'scan', milliseconds: 2.5, share: 2.5 / 6 },
    ]);
  });
});
