import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/config/parse-duration.js';

describe('parseDuration', () => {
  it('reads a number with a unit, and groups of them', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration(' 2m ')).toBe(120_000);
    expect(parseDuration('0s')).toBe(0);
  });

  it('refuses what is not a duration: no unit, a fraction, a sign, an unknown unit', () => {
    for (const text of ['', '30', '1.5h', '-1m', '5 m', '10w', 'm', '1h 30m', '30M', '9999999999s'])
      expect(parseDuration(text), text).toBeUndefined();
  });
});
