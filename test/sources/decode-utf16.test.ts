import { describe, expect, it } from 'vitest';
import { decodeUtf16 } from '../../src/sources/decode-utf16.js';

const text = 'line one\r\nzweite Zeile: grün\n';
const le = Buffer.from(text, 'utf16le');
const bom = (b: Buffer, mark: number[]) => Buffer.concat([Buffer.from(mark), b]);

describe('decodeUtf16', () => {
  it('reads UTF-16 with either byte order mark, and mostly-ASCII UTF-16 without one', () => {
    for (const bytes of [bom(le, [0xff, 0xfe]), bom(Buffer.from(le).swap16(), [0xfe, 0xff]), le])
      expect(Buffer.from(decodeUtf16(bytes)!).toString('utf8')).toBe(text);
  });

  it('leaves other binary files alone', () => {
    expect(decodeUtf16(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 4]))).toBeUndefined();
    expect(decodeUtf16(Buffer.from([0xff, 0xfe, 0x61]))).toBeUndefined(); // odd length
    expect(decodeUtf16(bom(Buffer.from([0x00, 0xd8, 0x61, 0x00]), [0xff, 0xfe]))).toBeUndefined(); // lone surrogate
  });
});
