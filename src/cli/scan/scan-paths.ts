import { close } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Finding } from '../../detect/finding.js';
import { FileScanner, type FileScanOutcome } from './file-scanner.js';
import { ReadAhead, unreadableFile, type ReadFile } from './read-ahead.js';
import { reportPath } from './report-path.js';
import type { ScanEngine } from './scan-engine.js';
import { emptyStats, type ScanStats } from './scan-result.js';
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

const closeAsync = promisify(close);

/** The files under `path`, less those already scanned (overlapping arguments like `. src`). */
function* unseenFiles(
  path: string,
  seen: Set<string> | undefined,
  counters: WalkCounters,
): Generator<string> {
  for (const file of walkFiles(path, counters)) {
    if (seen?.has(file)) continue;
    seen?.add(file);
    yield file;
  }
}

async function scanRead(scanner: FileScanner, read: ReadFile, cwd: string): Promise<FileScanOutcome> {
  const path = reportPath(cwd, read.file);
  if (read.kind === 'whole') return scanner.scan(read, path);
  try {
    return await scanner.scan(read, path);
  } catch (error) {
    throw unreadableFile(read.file, error);
  } finally {
    await closeAsync(read.fd);
  }
}

/**
 * Scans files and directories (recursively) and standard input; findings in walk order. Files
 * are read ahead on libuv's thread pool (`ReadAhead`) while the main thread walks and scans.
 */
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
    const reader = new ReadAhead(unseenFiles(resolve(options.cwd, path), seen, counters));
    try {
      for (let read = await reader.next(); read !== undefined; read = await reader.next()) {
        const outcome = await scanRead(scanner, read, options.cwd);
        if (outcome.kind === 'binary') {
          stats.skipped++;
          continue;
        }
        stats.files++;
        stats.bytes += outcome.bytes;
        findings.push(...outcome.findings);
      }
    } finally {
      await reader.dispose();
    }
  }
  stats.symlinks = counters.symlinks;
  stats.skipped += counters.skipped;
  return { findings, stats };
}
