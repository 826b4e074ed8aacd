import { describe, expect, it } from 'vitest';
import { clipText, fitLines } from '../../../src/report/markdown/fit-lines.js';

describe('fitLines', () => {
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);
  const more = (n: number) => `(${n} more)`;

  it('keeps every line when they fit', () => {
    expect(fitLines(lines, 1_000, more)).toEqual({ text: lines.map((l) => `${l}\n`).join(''), shown: 10 });
  });

  it('cuts to the budget, the closing count included', () => {
    const fitted = fitLines(lines, 40, more);
    expect(fitted.text.length).toBeLessThanOrEqual(40);
    expect(fitted.text).toBe(`line 0\nline 1\nline 2\nline 3\n(${10 - fitted.shown} more)\n`);
  });
});

describe('clipText', () => {
  it('cuts only what passes the limit', () => {
    expect(clipText('abcdef', 6)).toBe('abcdef');
    expect(clipText('abcdefg', 6)).toBe('abcde…');
  });
});
