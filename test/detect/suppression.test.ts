import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { base64, foundKey, scanChunks, scanText, utf8 } from '../support/detect-helpers.js';
import { KeyGenerator } from '../support/keygen.js';

const detector = createDetector();
const gen = new KeyGenerator(41);
const MARKER = ['rootguard', 'allow'].join(':');

function both(text: string) {
  const whole = scanText(text, detector);
  for (const size of [1, 3, 64, 5000]) expect(scanChunks(detector, utf8(text), [size])).toEqual(whole);
  return whole;
}

describe('rootguard:allow', () => {
  it('suppresses findings on its line, whether before or after the key', () => {
    const key = gen.rootKey();
    expect(both(`${key} # ${MARKER}`)).toEqual([]);
    expect(both(`// ${MARKER}: test fixture\nconst a = 1; // ${MARKER} ${key}`)).toEqual([]);
    expect(both(`x = "${base64(key)}" # ${MARKER}`)).toEqual([]);
  });

  it('does not suppress findings on other lines, whatever the line break', () => {
    const key = gen.rootKey();
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(both(`# ${MARKER}${eol}${key}`)).toHaveLength(1);
      expect(both(`${key}${eol}# ${MARKER}`)).toHaveLength(1);
    }
  });

  it('suppresses only the marked line among several', () => {
    const [a, b, c] = [gen.rootKey(), gen.rootKey(), gen.rootKeyV1()];
    const findings = both(`${a}\n${b} ${MARKER}\n${c}\n`);
    expect(findings.map((f) => f.line)).toEqual([1, 3]);
    expect(foundKey(findings, b)).toEqual([]);
  });

  it('holds a finding until the line ends: a marker far later on the line still counts', () => {
    const key = gen.rootKey();
    const text = `${key}${' '.repeat(200_000)}${MARKER}\nnext`;
    expect(both(text)).toEqual([]);
    const scanner = scanChunks(detector, utf8(`${key}${' '.repeat(200_000)}\n`), [4096]);
    expect(scanner).toHaveLength(1);
  });
});
