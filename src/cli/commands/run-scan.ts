import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from '../cli-command.js';
import { CliError } from '../errors.js';
import { describeSystemError } from '../../config/describe-system-error.js';
import { renderJson } from '../../report/formats/render-json.js';
import { renderReport, type ReportFormat } from '../../report/formats/render-report.js';
import { renderSummary } from '../../report/formats/render-summary.js';
import { isSarifCapped, sarifCapMessage } from '../../report/formats/sarif-result-cap.js';
import { STDIN_PATH } from '../../sources/files/scan-stdin.js';
import type { ScanStats } from '../../sources/local-scan-result.js';
import type { ScanEngine } from '../../sources/scan-engine.js';
import { scanLocal } from '../../sources/scan-local.js';

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

/** The fingerprints of `--baseline`'s file; its reader loads only when the option is given. */
async function readBaselineOption(
  context: CommandContext,
  file: string | undefined,
): Promise<ReadonlySet<string>> {
  if (!file) return new Set<string>();
  const { readBaseline } = await import('../../config/suppress/baseline.js');
  return readBaseline(resolve(context.io.cwd, file));
}

/**
 * Runs a scan (src/sources/scan-local.ts) and writes its report (stdout) and summary (stderr).
 * Returns the exit status: 0 when nothing is reported, 1 when something is; problems throw
 * (`CliError`, or the source's or config's error, which `runCli` prints the same way: status 2).
 */
export async function runScan(
  paths: readonly string[],
  options: ScanOptions,
  context: CommandContext,
): Promise<number> {
  const { io, deps } = context;
  const started = deps.now();
  const engine = createEngine(context, options.apiKeyPrefix ?? []);
  const baseline = await readBaselineOption(context, options.baseline);
  if (options.git !== undefined && paths.includes(STDIN_PATH)) {
    throw new CliError('bad-option', "'-' (standard input) cannot be combined with --git");
  }
  const scanned = await scanLocal({
    engine,
    cwd: io.cwd,
    env: io.env,
    stdin: io.stdin,
    paths,
    ...(options.git === undefined ? {} : { history: options.git === true ? {} : { range: options.git } }),
    baseline,
  });
  const stats: ScanStats = { ...scanned.stats, ms: deps.now() - started };
  if (options.writeBaseline) {
    const file = resolve(io.cwd, options.writeBaseline);
    try {
      writeFileSync(file, renderJson({ findings: scanned.current, stats }));
    } catch (error) {
      throw new CliError('write-failed', `cannot write baseline ${file}: ${describeSystemError(error)}`);
    }
  }
  const result = { findings: scanned.findings, stats };
  io.stdout.write(await renderReport(options.format, result, context.version));
  if (options.format === 'sarif' && isSarifCapped(result.findings.length)) {
    io.stderr.write(`rootguard: warning: ${sarifCapMessage(result.findings.length)}\n`);
  }
  io.stderr.write(renderSummary(result));
  return result.findings.length > 0 ? 1 : 0;
}
