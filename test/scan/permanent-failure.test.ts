import { describe, expect, it } from 'vitest';
import { isPermanentFailure } from '../../src/scan/permanent-failure.js';

describe('isPermanentFailure', () => {
  it('is true for GitHub answers no retry changes, false for limits, outages and plain errors', () => {
    for (const status of [404, 410, 422]) expect(isPermanentFailure({ status })).toBe(true);
    for (const status of [403, 429, 500, 502, 503]) expect(isPermanentFailure({ status })).toBe(false);
    expect(isPermanentFailure(new Error('socket hang up'))).toBe(false);
    expect(isPermanentFailure(null)).toBe(false);
  });
});
