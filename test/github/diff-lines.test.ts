import { describe, expect, it } from 'vitest';
import { parseDiffLines } from '../../src/github/diff-lines.js';

const sorted = (lines: Set<number>) => [...lines].sort((a, b) => a - b);

describe('parseDiffLines', () => {
  it('takes added and context lines of every hunk, not deleted ones', () => {
    const patch = [
      '@@ -1,4 +1,5 @@ export const a = 1;',
      ' line 1',
      '-old 2',
      '+new 2',
      '+new 3',
      ' line 4',
      ' line 5',
      '@@ -20,3 +21,2 @@ function f() {',
      ' line 21',
      '-gone',
      '-gone too',
      '+line 22',
    ].join('\n');
    expect(sorted(parseDiffLines(patch))).toEqual([1, 2, 3, 4, 5, 21, 22]);
  });

  it('does not count "\\ No newline at end of file" or a trailing newline as a line', () => {
    const patch = [
      '@@ -1,2 +1,2 @@',
      ' keep',
      '-end',
      '\\ No newline at end of file',
      '+end',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    expect(sorted(parseDiffLines(patch))).toEqual([1, 2]);
  });

  it('reads a new file, and headers without counts (one line)', () => {
    expect(sorted(parseDiffLines('@@ -0,0 +1,3 @@\n+a\n+b\n+c'))).toEqual([1, 2, 3]);
    expect(sorted(parseDiffLines('@@ -7 +7 @@\n-x\n+y'))).toEqual([7]);
  });

  it('gives nothing for a deleted file, an empty patch or a binary file', () => {
    expect(parseDiffLines('@@ -1,2 +0,0 @@\n-a\n-b').size).toBe(0);
    expect(parseDiffLines('').size).toBe(0);
    expect(parseDiffLines('Binary files differ').size).toBe(0);
  });

  it('takes an added line that looks like a hunk header as content', () => {
    const patch = '@@ -1,1 +1,3 @@\n ctx\n+@@ -9,9 +9,9 @@\n+after';
    expect(sorted(parseDiffLines(patch))).toEqual([1, 2, 3]);
  });

  it('treats an empty line inside a hunk as context whose space was trimmed', () => {
    expect(sorted(parseDiffLines('@@ -1,3 +1,3 @@\n a\n\n c'))).toEqual([1, 2, 3]);
  });
});
