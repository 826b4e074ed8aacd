import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { StreamScanner } from '../../src/detect/stream-scanner.js';
import {
  base64,
  escapeAll,
  foundKey,
  scanChunks,
  scanSplitAt,
  scanText,
  utf8,
} from '../support/detect-helpers.js';
import { KeyGenerator } from '../support/keygen.js';

const detector = createDetector();
const gen = new KeyGenerator(51);

describe('StreamScanner', () => {
  it('finds a key split at every position across two chunks exactly once, plain and encoded', () => {
    const key = gen.rootKey();
    for (const written of [key, base64(`K=${key}`), escapeAll(key), key.replace('_', '%5F')]) {
      const bytes = utf8(`héllo\r\nwörld ${written} tail\n`);
      const expected = scanText(`héllo\r\nwörld ${written} tail\n`, detector);
      expect(foundKey(expected, key)).toEqual([expect.objectContaining({ line: 2, column: 7 })]);
      for (let cut = 0; cut <= bytes.length; cut++) {
        expect(scanSplitAt(detector, bytes, cut)).toEqual(expected);
      }
    }
  });

  it('counts LF, CRLF and lone CR as one line break each, even with CR and LF in different chunks', () => {
    const key = gen.rootKey();
    const text = `a\nb\r\nc\rd\r\r\ne\n\r${key}`;
    const expected = [expect.objectContaining({ line: 8, column: 1 })];
    expect(scanText(text, detector)).toEqual(expected);
    const bytes = utf8(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(scanSplitAt(detector, bytes, cut)).toEqual(expected);
    }
  });

  it('counts columns in code points on megabyte lines', () => {
    const key = gen.rootKey();
    const filler = 'é😀a'.repeat(400_000);
    const text = `first\n${filler} ${key}\n`;
    const expected = [expect.objectContaining({ line: 2, column: [...filler].length + 2 })];
    expect(scanText(text, detector)).toEqual(expected);
    expect(scanChunks(detector, utf8(text), [65_536])).toEqual(expected);
    expect(scanChunks(detector, utf8(text), [utf8(text).length])).toEqual(expected);
  });

  it('returns findings as their lines end, not only at end()', () => {
    const key = gen.rootKey();
    const scanner = new StreamScanner(detector, 'test.txt');
    expect(scanner.write(utf8(`${key}\n`))).toEqual([]);
    const out = scanner.write(utf8('x'.repeat(10_000)));
    expect(out).toHaveLength(1);
    expect(scanner.end()).toEqual([]);
    expect(() => scanner.write(utf8('more'))).toThrow(expect.objectContaining({ code: 'write-after-end' }));
  });

  it('agrees with scanBytes on many keys in a large input fed in uneven chunks', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const roll = gen.next();
      if (roll < 0.05) lines.push(`k${i}=${gen.rootKey()}`);
      else if (roll < 0.08) lines.push(`b${i}: ${base64(gen.rootKeyV1())}`);
      else lines.push(Buffer.from(gen.bytes(gen.int(0, 120))).toString('base64'));
    }
    const text = lines.join(gen.pick(['\n', '\r\n']));
    const whole = scanText(text, detector);
    expect(whole.length).toBeGreaterThan(150);
    expect(scanChunks(detector, utf8(text), [1, 2, 3, 5, 8, 13, 4096, 17, 100_000, 7])).toEqual(whole);
  });

  it('copies what it keeps, so a caller may refill one chunk buffer for the whole input', () => {
    const keys = [gen.rootKey(), gen.rootKeyV1(), gen.rootKey()];
    const text = keys.map((key, i) => `line ${i} ${'x'.repeat(5000 * i)} ${base64(`K=${key}`)}\n`).join('');
    const bytes = utf8(text);
    const expected = scanText(text, detector);
    expect(expected).toHaveLength(keys.length);
    for (const size of [7, 100, 4096]) {
      const scanner = new StreamScanner(detector, 'test.txt');
      const reused = new Uint8Array(size);
      const out = [];
      for (let at = 0; at < bytes.length; at += size) {
        const piece = bytes.subarray(at, at + size);
        reused.set(piece);
        out.push(...scanner.write(reused.subarray(0, piece.length)));
        reused.fill(0x41);
      }
      out.push(...scanner.end());
      expect(out).toEqual(expected);
    }
  });
});
