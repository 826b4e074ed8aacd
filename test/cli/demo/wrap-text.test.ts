import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../src/cli/demo/wrap-text.js';

describe('wrapText', () => {
  it('wraps at the width with a hanging indent, keeping line breaks and long words whole', () => {
    const long = 'x'.repeat(30);
    expect(wrapText(`one two three four\nfive ${long}`, '    ', '  - ', 16)).toEqual([
      '  - one two',
      '    three four',
      '    five',
      `    ${long}`,
    ]);
  });
});
