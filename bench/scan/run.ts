// `npm run bench:scan`: rootguard's scan throughput against ripgrep on the same corpus, in the same
// run, plus rootguard's peak RSS and its precision and recall against the corpus manifest.
// Options: --size-mb 200 --seed 1 --runs 5 --out .bench/scan --regenerate --profile (one more
// rootguard run under `node --cpu-prof`, summarised by self time).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CorpusManifest } from './corpus/manifest.js';
import { ROOT_KEY_RG_PATTERN } from './corpus/root-key-pattern.js';
import {
  CORPUS_DIR,
  DEFAULT_SEED,
  DEFAULT_SIZE_MB,
  generateCorpus,
  GENERATOR_VERSION,
  MANIFEST_FILE,
} from './generate-corpus.js';
import { measureThroughput, type Throughput } from './measure-throughput.js';
import { printReport, printStages, type StageTimes } from './print-report.js';
import { runCommand } from './run-command.js';
import { parseScanReport, scoreFindings, type ScanReport } from './score-findings.js';
import { formatSelfTime, topSelfTime, type CpuProfile } from './top-self-time.js';

const DEFAULT_RUNS = 5;
const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RSS_PRELOAD = new URL('./report-max-rss.mjs', import.meta.url).href;
const READ_FLOOR = fileURLToPath(new URL('./read-floor.mjs', import.meta.url));
const TIME_STAGES = fileURLToPath(new URL('./time-stages.mjs', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'size-mb': { type: 'string', default: String(DEFAULT_SIZE_MB) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      out: { type: 'string', default: '.bench/scan' },
      regenerate: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
    },
  });
  if (spawnSync('rg', ['--version']).error) {
    console.error('ripgrep (rg) is missing: install it with `apt-get install ripgrep`, then run again.');
    return 2;
  }
  const cli = join(REPO, 'bin', 'rootguard.js');
  if (!existsSync(join(REPO, 'dist', 'src', 'cli', 'main.js'))) {
    console.error(
      'dist/src/cli/main.js is missing: run `npm run build` (or `npm run bench:scan`, which builds).',
    );
    return 2;
  }
  const outDir = resolve(REPO, values.out);
  const sizeMb = Number(values['size-mb']);
  const seed = Number(values.seed);
  const runs = Number(values.runs);
  if (!(sizeMb > 0) || !Number.isInteger(seed) || !(runs >= 1)) {
    console.error('bench:scan: --size-mb must be positive, --seed an integer and --runs at least 1.');
    return 2;
  }
  const manifest = loadOrGenerate(outDir, sizeMb, seed, values.regenerate);
  const corpus = join(outDir, CORPUS_DIR);

  // Single-threaded ripgrep with no config and no ignore/hidden filtering: every corpus file is read.
  const rgArgs = [
    '-j1',
    '--no-config',
    '--no-ignore',
    '--hidden',
    '--count-matches',
    '-e',
    ROOT_KEY_RG_PATTERN,
    corpus,
  ];
  const node = process.execPath;
  const cwd = REPO;
  const empty = join(outDir, 'empty');
  mkdirSync(empty, { recursive: true });
  const [ripgrep, rootguard, readFloor, fixedCost] = (await measureThroughput(
    [
      { command: 'rg', args: rgArgs, options: { cwd } },
      {
        command: node,
        args: ['--import', RSS_PRELOAD, cli, 'scan', '--format', 'json', corpus],
        options: { cwd, measureRss: true },
      },
      // Context for the ratio: what Node needs just to start and read the corpus, and the CLI's
      // fixed cost (start-up, detector build, exit) on an empty directory.
      { command: node, args: [READ_FLOOR, corpus], options: { cwd } },
      { command: node, args: [cli, 'scan', '--format', 'json', empty], options: { cwd } },
    ],
    runs,
  )) as [Throughput, Throughput, Throughput, Throughput];

  let report: ScanReport;
  try {
    report = parseScanReport(rootguard.last.stdout);
  } catch (error) {
    console.error(`rootguard scan gave no JSON findings (exit ${rootguard.last.exitCode}): ${String(error)}`);
    console.error(rootguard.last.stderr.slice(0, 2000));
    return 1;
  }
  console.log(`rootguard scan exit code: ${rootguard.last.exitCode}`);
  printCoverage(report, manifest, values.out);
  const failed = printReport({
    corpusBytes: manifest.bytes,
    files: manifest.files,
    ripgrep,
    rootguard,
    readFloor,
    fixedCost,
    ripgrepMatches: countRipgrepMatches(ripgrep.last.stdout),
    plainCurrentKeys: manifest.keys.filter((e) => e.plainMatch).length,
    keyShapedNearMisses: manifest.nearMisses.filter((e) => e.plainMatch).length,
    score: scoreFindings(manifest, report.findings, corpus, REPO),
  });
  await stages(corpus);
  if (values.profile) await profile(cli, corpus, join(outDir, 'profile'));
  if (failed.length) console.log(`FAILED: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

/** The sum of ripgrep's `path:count` lines. */
function countRipgrepMatches(stdout: string): number {
  return stdout
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(':') + 1)), 0);
}

/** Says whether the CLI scanned every corpus file (from the stats in its JSON report). */
function printCoverage(report: ScanReport, manifest: CorpusManifest, out: string): void {
  if (report.files === undefined) return;
  const same = report.files === manifest.files && report.bytes === manifest.bytes;
  const covered = `${report.files} files, ${report.bytes ?? '?'} bytes`;
  const corpus = `${manifest.files} files, ${manifest.bytes} bytes`;
  console.log(`rootguard scanned ${covered}; the corpus has ${corpus}${same ? '' : '  DIFFERS'}`);
  // Seen with the first CLI: it applies the repository's .gitignore (which lists .bench/) below
  // an explicitly named directory, so a corpus in .bench/ is skipped whole (ripgrep scans it).
  if (!same)
    console.log(
      `  files were skipped: is ${out} inside a gitignored folder? Try --out outside the repository.`,
    );
}

/** One in-process run with the engine wrapped in timers (it uses the CLI's `main(argv, io, deps)`). */
async function stages(corpus: string): Promise<void> {
  const result = await runCommand(process.execPath, [TIME_STAGES, corpus], { cwd: REPO });
  try {
    printStages(JSON.parse(result.stdout) as StageTimes);
  } catch {
    console.log(`stage timing failed (exit ${result.exitCode}): ${result.stderr.slice(0, 500)}`);
  }
}

const PROFILE_TOP = 15;

/** One more rootguard run under `--cpu-prof`; prints the functions with the most self time. */
async function profile(cli: string, corpus: string, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  await runCommand(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, cli, 'scan', '--format', 'json', corpus],
    {
      cwd: REPO,
    },
  );
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) return console.log('profile: node wrote no .cpuprofile');
  console.log(`top self time (${join(dir, file)}):`);
  const rows = topSelfTime(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, PROFILE_TOP);
  for (const row of rows) console.log(`  ${formatSelfTime(row)}`);
}

function loadOrGenerate(outDir: string, sizeMb: number, seed: number, regenerate: boolean): CorpusManifest {
  const manifestPath = join(outDir, MANIFEST_FILE);
  if (!regenerate && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest;
    const current = manifest.generator === GENERATOR_VERSION;
    if (current && manifest.sizeMb === sizeMb && manifest.seed === seed) return manifest;
  }
  console.log(`generating a ${sizeMb} MiB corpus (seed ${seed}) in ${outDir} ...`);
  return generateCorpus({ outDir, sizeMb, seed });
}

process.exitCode = await main();
