import { describe, expect, it } from 'vitest';
import { readLogTimestamp } from '../../../src/sources/log/log-timestamp.js';

const read = (text: string) => readLogTimestamp(Buffer.from(text, 'utf8'));

describe('readLogTimestamp', () => {
  it('reads GitHub log timestamps with any number of fraction digits, a BOM and the space after', () => {
    expect(read('2024-05-01T12:34:56.1234567Z hello')).toEqual({
      ms: Date.parse('2024-05-01T12:34:56.123Z'),
      length: 29,
    });
    expect(read('\uFEFF2024-05-01T12:34:56.5Z x')).toEqual({
      ms: Date.parse('2024-05-01T12:34:56.500Z'),
      length: 26,
    });
    expect(read('2024-12-31T23:59:59Zrest')).toEqual({ ms: Date.parse('2024-12-31T23:59:59Z'), length: 20 });
  });

  it('reads nothing from lines that do not start with one', () => {
    for (const text of [
      'hello',
      '2024-05-01 12:34:56Z',
      '2024-05-01T12:34:56.Z',
      '2024-05-01T12:34:56+02:00',
      ' 2024-05-01T12:34:56Z',
      '2024-05-0',
    ])
      expect(read(text)).toBeUndefined();
  });
});
