import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CorpusManifest, KeyEntry } from '../../bench/scan/corpus/manifest.js';
import { parseScanReport, scoreFindings, type ReportedFinding } from '../../bench/scan/score-findings.js';

const ROOT = '/tmp/bench/corpus';
const key = (path: string, line: number, fingerprint: string, extra: Partial<KeyEntry> = {}): KeyEntry => ({
  path,
  line,
  column: 5,
  length: 30,
  ruleId: 'unkey-root-key',
  format: 'current',
  fingerprint,
  form: 'plain-env',
  decodedFrom: [],
  probe: false,
  plainMatch: true,
  ...extra,
});
const manifest: CorpusManifest = {
  generator: 1,
  seed: 1,
  sizeMb: 1,
  root: 'corpus',
  files: 2,
  bytes: 100,
  keys: [
    key('a/.env', 3, 'fpA'),
    key('a/b.yaml', 9, 'fpB', { form: 'k8s-secret-data', format: 'v1', ruleId: 'unkey-root-key-v1' }),
    key('logs/x.log', 4, 'fpP', { form: 'ansi-adjacent', probe: true }),
  ],
  nearMisses: [
    {
      path: 'a/.env',
      line: 7,
      column: 1,
      length: 9,
      category: 'masked',
      variant: 'stars',
      fingerprint: 'n',
      plainMatch: false,
    },
    {
      path: 'a/.env',
      line: 8,
      column: 1,
      length: 9,
      category: 'hash',
      variant: 'hex',
      fingerprint: 'm',
      plainMatch: false,
    },
  ],
};
const finding = (path: string, line: number, fingerprint: string, column = 5): ReportedFinding => ({
  ruleId: 'unkey-root-key',
  path,
  line,
  column,
  fingerprint,
});

describe('scoreFindings', () => {
  it('gives 1.00/1.00 when every planted key is found once, whatever the path style', () => {
    const findings = [finding(join(ROOT, 'a/.env'), 3, 'fpA'), finding('corpus/a/b.yaml', 9, 'fpB')];
    const score = scoreFindings(manifest, findings, ROOT, '/tmp/bench');
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
    expect([...score.nearMissHits.values()]).toEqual([0, 0]);
    expect(score.perForm.find((f) => f.form === 'ansi-adjacent')?.found).toBe(0);
  });

  it('counts repeats, near-miss lines, wrong fingerprints and strays against precision', () => {
    const findings = [
      finding('a/.env', 3, 'fpA'),
      finding('a/.env', 3, 'fpA'),
      finding('a/.env', 7, 'other'),
      finding('a/b.yaml', 9, 'wrong'),
      finding('logs/x.log', 4, 'fpP', 40),
    ];
    const score = scoreFindings(manifest, findings, ROOT, '/elsewhere');
    expect(score.truePositives).toBe(1);
    expect(score.duplicates).toBe(1);
    expect(score.falsePositives).toBe(3);
    expect(score.precision).toBe(0.25);
    expect(score.recall).toBe(0.5);
    expect(score.nearMissHits.get('masked')).toBe(1);
    expect(score.elsewhere.map((f) => f.line)).toEqual([9]);
    expect(score.columnMismatches).toEqual([{ form: 'ansi-adjacent', expected: 5, got: 40 }]);
    expect(score.perForm.find((f) => f.form === 'k8s-secret-data')).toMatchObject({ planted: 1, found: 0 });
  });

  it('ignores findings of other rules', () => {
    const score = scoreFindings(
      manifest,
      [{ ...finding('a/.env', 8, 'x'), ruleId: 'unkey-api-key' }],
      ROOT,
      ROOT,
    );
    expect(score.falsePositives).toBe(0);
    expect(score.nearMissHits.get('hash')).toBe(0);
  });
});

describe('parseScanReport', () => {
  it('reads an array, or an object with findings and stats, and rejects anything else', () => {
    const one = finding('a', 1, 'f');
    expect(parseScanReport(JSON.stringify([one]))).toEqual({ findings: [one] });
    const report = { findings: [one], stats: { files: 3, bytes: 99, ms: 1 } };
    expect(parseScanReport(JSON.stringify(report))).toEqual({ findings: [one], files: 3, bytes: 99 });
    expect(() => parseScanReport('{"results":[]}')).toThrow(/no findings array/);
  });
});
