import { describe, expect, it } from 'vitest';
import { cappedLinesNeed, fitCappedLines, shareRoom } from '../../../src/report/markdown/fit-lines.js';
import { inlineText, markdownLink } from '../../../src/report/markdown/markdown.js';

const more = (n: number) => `(${n} more)`;
const lines = ['a1', 'b2', 'c3', 'd4'];

describe('fitCappedLines', () => {
  it('keeps the first lines up to the cap, counting the rest', () => {
    expect(fitCappedLines(lines, { cap: 2, budget: 100, more })).toBe('a1\nb2\n(2 more)\n');
    expect(fitCappedLines(lines, { cap: 9, budget: 100, more })).toBe('a1\nb2\nc3\nd4\n');
  });

  it('keeps the last lines with keepLast, the count first', () => {
    expect(fitCappedLines(lines, { cap: 2, budget: 100, more, keepLast: true })).toBe('(2 more)\nc3\nd4\n');
  });

  it('cuts further to fit the budget, one count for both cuts', () => {
    const text = fitCappedLines(lines, { cap: 3, budget: 12, more });
    expect(text).toBe('a1\n(3 more)\n');
    expect(text.length).toBeLessThanOrEqual(12);
    expect(cappedLinesNeed(lines, { cap: 3, more })).toBe(9 + 9);
  });
});

describe('shareRoom', () => {
  it('gives every part what it needs when all fit, else shares what is left after the small ones', () => {
    expect(shareRoom([10, 20, 30], 100)).toEqual([10, 20, 30]);
    expect(shareRoom([10, 500, 900], 310)).toEqual([10, 150, 150]);
    expect(shareRoom([5, 5], -3)).toEqual([0, 0]);
  });
});

describe('inlineText and markdownLink', () => {
  it('keeps code spans of playbook text and escapes the rest', () => {
    expect(inlineText('run `rootguard deliver` for *@team* <b>')).toBe(
      'run `rootguard deliver` for \\*\\@team\\* \\<b\\>',
    );
  });

  it('encodes what would end a link destination early', () => {
    expect(markdownLink('x', 'https://h/a (b)<c>')).toBe('[x](https://h/a%20%28b%29%3Cc%3E)');
  });
});
