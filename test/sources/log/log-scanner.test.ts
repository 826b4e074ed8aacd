import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../src/detect/create-detector.js';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { LineTimes } from '../../../src/sources/log/line-times.js';
import { LogScanner, type LogFinding } from '../../../src/sources/log/log-scanner.js';
import { stepAt } from '../../../src/sources/log/step-at.js';
import { KeyGenerator } from '../../support/keygen.js';

const detector = createDetector();
const keys = new KeyGenerator(307);

function scanLog(bytes: Buffer, cuts: readonly number[]): LogFinding[] {
  const scanner = new LogScanner(detector, 'log');
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    scanner.write(bytes.subarray(from, cut));
    from = cut;
  }
  return scanner.end();
}

describe('LogScanner', () => {
  it('gives the same findings wherever the chunks are cut (inside timestamps, keys, CRLF)', () => {
    const key = keys.rootKey();
    const log = Buffer.from(
      [
        '\uFEFF2026-11-02T10:00:00.1000000Z start',
        '2026-11-02T10:00:01.0000000Z ##[group]Run deploy',
        '2026-11-02T10:00:02.0000000Z a\rb\rc',
        `2026-11-02T10:00:03.2500000Z ${key}`,
        'no timestamp here',
        `2026-11-02T10:00:04.0000000Z x=${key}`,
      ].join('\r\n'),
    );
    const whole = scanLog(log, []);
    expect(whole.map((f) => [f.finding.line, f.finding.column, f.time, f.group])).toEqual([
      [4, 1, Date.parse('2026-11-02T10:00:03.250Z'), 'Run deploy'],
      [6, 3, Date.parse('2026-11-02T10:00:04.000Z'), 'Run deploy'],
    ]);
    expect(whole[0]?.finding.fingerprint).toBe(fingerprintKey(key));
    for (let cut = 1; cut < log.length; cut++) expect(scanLog(log, [cut])).toEqual(whole);
  });

  it('keeps a key that only a stripped timestamp separates from the line start', () => {
    const key = keys.rootKey();
    const found = scanLog(Buffer.from(`2026-11-02T10:00:00.0000000Z${key}\n`), []);
    expect(found.map((f) => f.finding.column)).toEqual([1]);
  });
});

describe('LineTimes', () => {
  it('gives each line its own time or the last one before it', () => {
    const times = new LineTimes();
    times.set(1, 100);
    times.set(2, 100);
    times.set(5, 200);
    expect([0, 1, 2, 4, 5, 9].map((line) => times.get(line))).toEqual([undefined, 100, 100, 100, 200, 200]);
  });
});

describe('stepAt', () => {
  const steps = [
    { name: 'a', started_at: '2026-11-02T10:00:00Z', completed_at: '2026-11-02T10:00:05Z' },
    { name: 'b', started_at: '2026-11-02T10:00:05Z', completed_at: '2026-11-02T10:00:09Z' },
  ];
  it('picks the step whose times hold the line time, the later one on a shared second', () => {
    expect(stepAt(steps, Date.parse('2026-11-02T10:00:03.5Z'))).toBe('a');
    expect(stepAt(steps, Date.parse('2026-11-02T10:00:05.5Z'))).toBe('b');
    expect(stepAt(steps, Date.parse('2026-11-02T10:00:09.5Z'))).toBe('b');
    expect(stepAt(steps, Date.parse('2026-11-02T10:00:11Z'))).toBeUndefined();
    expect(stepAt([{ name: 'x' }], Date.parse('2026-11-02T10:00:03Z'))).toBeUndefined();
  });
});
