import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from '../cli-command.js';
import { CliError, describeSystemError } from '../errors.js';
import { renderJson } from '../../report/formats/render-json.js';
import { renderReport, type ReportFormat } from '../../report/formats/render-report.js';
import { renderSummary } from '../../report/formats/render-summary.js';
import { isSarifCapped, sarifCapMessage } from '../../report/formats/sarif-result-cap.js';
import { applySuppressions } from '../../config/suppress/apply-suppressions.js';
import { readRootguardIgnore } from '../../config/suppress/rootguard-ignore.js';
import type { ScanEngine } from '../../sources/files/scan-engine.js';
import { scanPaths } from '../../sources/files/scan-paths.js';
import { STDIN_PATH } from '../../sources/files/scan-stdin.js';
import type { ReportedFinding, ScanStats } from '../../sources/files/local-scan-result.js';

/** `rootguard scan`'s options, as parsed from the command line. */
export interface ScanOptions {
  /** @defaultValue `'text'` */
  readonly format: ReportFormat;
  /** Scan history instead of files: `true` for all of HEAD's history, or a range. */
  readonly git?: string | true;
  /** Customer API key prefixes to detect. @defaultValue [] */
  readonly apiKeyPrefix?: readonly string[];
  /** A JSON report whose fingerprints are not reported again. */
  readonly baseline?: string;
  /** Where to write the current findings as a JSON report, for a later `--baseline`. */
  readonly writeBaseline?: string;
}

function createEngine(context: CommandContext, apiKeyPrefixes: readonly string[]): ScanEngine {
  try {
    return context.deps.createEngine({ apiKeyPrefixes });
  } catch (error) {
    // The detector's message names the prefix and the rule for it (a prefix is not a secret).
    throw new CliError(
      'bad-option',
      `--api-key-prefix: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function scan(
  paths: readonly string[],
  options: ScanOptions,
  context: CommandContext,
  engine: ScanEngine,
): Promise<{ root: string; findings: readonly ReportedFinding[]; stats: ScanStats }> {
  const { io } = context;
  if (options.git === undefined) {
    const result = await scanPaths({
      engine,
      cwd: io.cwd,
      paths: paths.length > 0 ? paths : ['.'],
      stdin: io.stdin,
    });
    return { root: io.cwd, ...result };
  }
  if (paths.includes(STDIN_PATH)) {
    throw new CliError('bad-option', "'-' (standard input) cannot be combined with --git");
  }
  const range = options.git === true ? undefined : options.git;
  // Loaded only for --git, like the baseline and SARIF code: a plain scan starts without them.
  const { scanGitHistory } = await import('../../sources/history/scan-git-history.js');
  return scanGitHistory({ engine, cwd: io.cwd, env: io.env, pathspecs: paths, ...(range ? { range } : {}) });
}

/**
 * Runs a scan and writes its report (stdout) and summary (stderr). Returns the exit status:
 * 0 when nothing is reported, 1 when something is; problems throw `CliError` (status 2).
 */
export async function runScan(
  paths: readonly string[],
  options: ScanOptions,
  context: CommandContext,
): Promise<number> {
  const { io, deps } = context;
  const started = deps.now();
  const engine = createEngine(context, options.apiKeyPrefix ?? []);
  const baseline = options.baseline
    ? (await import('../../config/suppress/baseline.js')).readBaseline(resolve(io.cwd, options.baseline))
    : new Set<string>();
  const scanned = await scan(paths, options, context, engine);
  const { reported, current, suppressed } = applySuppressions(
    scanned.findings,
    readRootguardIgnore(scanned.root),
    baseline,
  );
  const stats: ScanStats = { ...scanned.stats, suppressed, ms: deps.now() - started };
  if (options.writeBaseline) {
    const file = resolve(io.cwd, options.writeBaseline);
    try {
      writeFileSync(file, renderJson({ findings: current, stats }));
    } catch (error) {
      throw new CliError('write-failed', `cannot write baseline ${file}: ${describeSystemError(error)}`);
    }
  }
  const result = { findings: reported, stats };
  io.stdout.write(await renderReport(options.format, result, context.version));
  if (options.format === 'sarif' && isSarifCapped(reported.length)) {
    io.stderr.write(`rootguard: warning: ${sarifCapMessage(reported.length)}\n`);
  }
  io.stderr.write(renderSummary(result));
  return reported.length > 0 ? 1 : 0;
}
