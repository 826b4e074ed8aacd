import { describe, expect, it } from 'vitest';
import { renderFailedScanOutput } from '../../../src/report/check-run/render-failed-scan.js';
import { KeyGenerator } from '../../support/keygen.js';

describe('renderFailedScanOutput', () => {
  it('is neutral, says nothing was checked, and masks a key in the reason', () => {
    const key = new KeyGenerator(71).rootKey();
    const output = renderFailedScanOutput({
      target: 'push to main: abc1234..def5678',
      reason: `HTTP 502 near ${key}`,
    });
    expect(output.conclusion).toBe('neutral');
    expect(output.summary).toContain('**not** checked');
    expect(output.summary).toContain('push to main');
    expect(output.summary).not.toContain(key);
    expect(output.annotations).toEqual([]);
  });
});
