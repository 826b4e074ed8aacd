import { describe, expect, it } from 'vitest';
import type { Throughput } from '../../bench/scan/measure-throughput.js';
import { printReport, type BenchReport } from '../../bench/scan/print-report.js';
import type { ScanScore } from '../../bench/scan/score-findings.js';

const MIB = 1024 * 1024;
const timed = (medianSeconds: number, maxRssBytes?: number): Throughput => ({
  medianSeconds,
  allSeconds: [medianSeconds],
  last: { exitCode: 0, seconds: medianSeconds, stdout: '', stderr: '' },
  ...(maxRssBytes === undefined ? {} : { maxRssBytes }),
});
const perfect: ScanScore = {
  truePositives: 4,
  falsePositives: 0,
  duplicates: 0,
  precision: 1,
  recall: 1,
  perForm: [{ form: 'plain-env', format: 'current', probe: false, planted: 4, found: 4 }],
  nearMissHits: new Map([['masked', 0]]),
  elsewhere: [],
  columnMismatches: [],
};
const report = (score: ScanScore, rootguardSeconds = 4): BenchReport => ({
  corpusBytes: 100 * MIB,
  files: 10,
  ripgrep: timed(1),
  rootguard: timed(rootguardSeconds, 80 * MIB),
  readFloor: timed(0.5),
  fixedCost: timed(0.2),
  ripgrepMatches: 4,
  plainCurrentKeys: 4,
  keyShapedNearMisses: 0,
  score,
});

function run(input: BenchReport): { failed: string[]; lines: string[] } {
  const lines: string[] = [];
  return { failed: printReport(input, (line) => lines.push(line)), lines };
}

describe('printReport', () => {
  it('fails nothing when the correctness targets are met, and reports a slow ratio without failing', () => {
    const { failed, lines } = run(report(perfect));
    expect(failed).toEqual([]);
    expect(lines).toContain('ratio rootguard/ripgrep: 0.25  (target >= 0.5: MISSED)');
    expect(lines).toContain('rootguard peak RSS: 80.0 MiB  (target < 150 MiB: ok)');
  });

  it('names each failed correctness target', () => {
    const score = { ...perfect, precision: 0.9, recall: 0.75, nearMissHits: new Map([['masked', 2]]) };
    expect(run(report(score)).failed).toEqual(['precision', 'recall', 'near-misses']);
  });
});
