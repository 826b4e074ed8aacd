import { resolve } from 'node:path';
import type { Finding } from '../../detect/finding.js';
import { emptyStats, type ScanStats } from '../local-scan-result.js';
import type { ScanEngine } from '../scan-engine.js';
import { FileScanner } from './file-scanner.js';
import { reportPath } from './report-path.js';
import { scanStdin, STDIN_PATH } from './scan-stdin.js';
import { walkFiles, type WalkCounters } from './walk-files.js';

/** What `scanPaths` reads. */
export interface ScanPathsOptions {
  readonly engine: ScanEngine;
  /** The scan root: relative paths are resolved, and findings reported, from here. */
  readonly cwd: string;
  /** Files and directories to scan; `-` is standard input. */
  readonly paths: readonly string[];
  readonly stdin: AsyncIterable<Uint8Array | string>;
}

/** Scans files and directories (recursively) and standard input; findings in walk order. */
export async function scanPaths(
  options: ScanPathsOptions,
): Promise<{ findings: Finding[]; stats: ScanStats }> {
  const stats = emptyStats();
  const counters: WalkCounters = { symlinks: 0, skipped: 0 };
  const scanner = new FileScanner(options.engine);
  const findings: Finding[] = [];
  // Overlapping arguments (`. src`) would scan a file twice; remember what was read only then.
  const seen = options.paths.length > 1 ? new Set<string>() : undefined;
  for (const path of new Set(options.paths)) {
    if (path === STDIN_PATH) {
      const result = await scanStdin(options.engine, options.stdin);
      stats.files++;
      stats.bytes += result.bytes;
      findings.push(...result.findings);
      continue;
    }
    for (const file of walkFiles(resolve(options.cwd, path), counters)) {
      if (seen?.has(file)) continue;
      seen?.add(file);
      const outcome = scanner.scan(file, reportPath(options.cwd, file));
      if (outcome.kind === 'binary') {
        stats.skipped++;
        continue;
      }
      stats.files++;
      stats.bytes += outcome.bytes;
      findings.push(...outcome.findings);
    }
  }
  stats.symlinks = counters.symlinks;
  stats.skipped += counters.skipped;
  return { findings, stats };
}
