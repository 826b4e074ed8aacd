import { describe, expect, it } from 'vitest';
import { parseDiffPath, unquoteGitPath } from '../../../src/sources/git/parse-diff-path.js';

describe('parseDiffPath', () => {
  it('strips the b/ prefix and the tab git adds after names with spaces', () => {
    expect(parseDiffPath('b/src/a.ts')).toBe('src/a.ts');
    expect(parseDiffPath('b/my file.txt\t')).toBe('my file.txt');
  });

  it('reads /dev/null as a deleted file', () => {
    expect(parseDiffPath('/dev/null')).toBeUndefined();
  });

  it('undoes C-style quoting, octal escapes as UTF-8 bytes', () => {
    expect(parseDiffPath('"b/caf\\303\\251 \\"x\\"\\ttab\\\\"')).toBe('café "x"\ttab\\');
    expect(unquoteGitPath('"a\\nb"')).toBe('a\nb');
  });
});
