// Prints the benchmark's numbers next to their targets; says which correctness targets failed.
import type { Throughput } from './measure-throughput.js';
import type { ScanScore } from './score-findings.js';

export interface BenchReport {
  readonly corpusBytes: number;
  readonly files: number;
  readonly ripgrep: Throughput;
  readonly rootguard: Throughput;
  /** A Node process that walks and reads every file and detects nothing (read-floor.mjs). */
  readonly readFloor: Throughput;
  /** rootguard on an empty directory: start-up, detector build and exit. */
  readonly fixedCost: Throughput;
  readonly ripgrepMatches: number;
  /** Planted keys written plainly in the current format (what ripgrep's pattern finds). */
  readonly plainCurrentKeys: number;
  /** Near-misses shaped like a plain current-format key (placeholders, low entropy, allowed keys). */
  readonly keyShapedNearMisses: number;
  readonly score: ScanScore;
}

/** Targets (DESIGN.md §5: ratios against a baseline measured in the same run). */
export const TARGET_RATIO = 0.5;
export const TARGET_RSS_BYTES = 150 * 1024 * 1024;

const MIB = 1024 * 1024;
const mibPerSecond = (bytes: number, seconds: number) => bytes / MIB / seconds;
const fixed = (value: number, digits = 2) => value.toFixed(digits);
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/** Prints the report; returns the correctness targets that failed (speed and RSS are reported only). */
export function printReport(report: BenchReport, log: (line: string) => void = console.log): string[] {
  const { score } = report;
  const rg = mibPerSecond(report.corpusBytes, report.ripgrep.medianSeconds);
  const rootguard = mibPerSecond(report.corpusBytes, report.rootguard.medianSeconds);
  const ratio = rootguard / rg;
  const rss = report.rootguard.maxRssBytes;
  const nearMisses = [...score.nearMissHits.values()].reduce((a, b) => a + b, 0);
  const seconds = (t: Throughput) => t.allSeconds.map((s) => fixed(s)).join(' ');

  log(`corpus: ${report.files} files, ${fixed(report.corpusBytes / MIB, 1)} MiB`);
  log(`ripgrep:   ${fixed(rg, 1)} MiB/s (median of ${seconds(report.ripgrep)} s)`);
  log(`rootguard: ${fixed(rootguard, 1)} MiB/s (median of ${seconds(report.rootguard)} s)`);
  log(
    `ratio rootguard/ripgrep: ${fixed(ratio)}  (target >= ${TARGET_RATIO}: ${mark(ratio >= TARGET_RATIO)})`,
  );
  const floor = mibPerSecond(report.corpusBytes, report.readFloor.medianSeconds);
  log(
    `node read-only floor: ${fixed(floor, 1)} MiB/s (floor/ripgrep ${fixed(floor / rg)}): walk + read, no detection`,
  );
  const fixedSeconds = report.fixedCost.medianSeconds;
  const variable = mibPerSecond(report.corpusBytes, report.rootguard.medianSeconds - fixedSeconds);
  log(
    `rootguard fixed cost (empty directory): ${fixed(fixedSeconds)} s; without it: ${fixed(variable, 1)} MiB/s`,
  );
  const rssText = rss === undefined ? 'not reported' : `${fixed(rss / MIB, 1)} MiB`;
  log(
    `rootguard peak RSS: ${rssText}  (target < ${TARGET_RSS_BYTES / MIB} MiB: ${mark(rss !== undefined && rss < TARGET_RSS_BYTES)})`,
  );
  const expected = report.plainCurrentKeys + report.keyShapedNearMisses;
  log(
    `ripgrep matches: ${report.ripgrepMatches}; planted: ${report.plainCurrentKeys} plain current-format keys + ` +
      `${report.keyShapedNearMisses} key-shaped near-misses = ${expected} (${report.ripgrepMatches === expected ? 'agree' : 'DISAGREE'})`,
  );
  log(`precision: ${fixed(score.precision)}  recall: ${fixed(score.recall)}  (target 1.00 each)`);
  log(
    `  true positives ${score.truePositives}, false positives ${score.falsePositives} (duplicates ${score.duplicates})`,
  );
  log('recall per form (found/planted):');
  for (const f of score.perForm) {
    const note = f.probe
      ? '  [probe: outside the contract, not counted]'
      : f.found < f.planted
        ? '  MISSED'
        : '';
    log(`  ${`${f.form}/${f.format}`.padEnd(34)} ${f.found}/${f.planted}${note}`);
  }
  log(`findings on near-miss lines: ${nearMisses}  (target 0)`);
  for (const [category, hits] of score.nearMissHits) log(`  ${category.padEnd(18)} ${hits}`);
  for (const f of score.elsewhere.slice(0, 10))
    log(`  unexpected finding ${f.ruleId} at ${f.path}:${f.line}:${f.column}`);
  if (score.columnMismatches.length) {
    const forms = [...new Set(score.columnMismatches.map((m) => m.form))].join(', ');
    log(
      `column differs from the manifest on ${score.columnMismatches.length} matched findings (forms: ${forms})`,
    );
  }

  const failed: string[] = [];
  if (score.precision < 1) failed.push('precision');
  if (score.recall < 1) failed.push('recall');
  if (nearMisses > 0) failed.push('near-misses');
  return failed;
}

/** What bench/scan/time-stages.mjs prints. */
export interface StageTimes {
  readonly importMs: number;
  readonly buildMs: number;
  readonly wholeMs: number;
  readonly wholeBytes: number;
  readonly streamMs: number;
  readonly streamBytes: number;
  readonly restMs: number;
}

/** Prints where one in-process scan spent its time. */
export function printStages(stages: StageTimes, log: (line: string) => void = console.log): void {
  const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
  const rate = (bytes: number, msValue: number) =>
    `${fixed(bytes / MIB, 1)} MiB, ${fixed(mibPerSecond(bytes, msValue / 1000), 0)} MiB/s`;
  log(
    'where the time goes (one in-process run of the CLI, bench/scan/time-stages.mjs; node start-up not included):',
  );
  log(`  import the CLI's modules       ${ms(stages.importMs)}`);
  log(`  build the detector             ${ms(stages.buildMs)}`);
  log(`  scanBytes (files read whole)   ${ms(stages.wholeMs)}  (${rate(stages.wholeBytes, stages.wholeMs)})`);
  log(
    `  StreamScanner (larger files)   ${ms(stages.streamMs)}  (${rate(stages.streamBytes, stages.streamMs)})`,
  );
  log(`  walk, ignore rules, reads, report ${ms(stages.restMs)}`);
}
