// Generates the scan benchmark's corpus: realistic source and log files with root keys and
// near-misses planted, plus a ground-truth manifest. Seeded: the same seed and size give the same
// bytes on every machine. Usage: tsx bench/scan/generate-corpus.ts [--size-mb 200] [--seed 1] [--out DIR]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { KeyGenerator } from '../../test/support/keygen.js';
import type { CorpusManifest, KeyEntry, NearMissEntry } from './corpus/manifest.js';
import { planFiles } from './corpus/plan-files.js';
import { assignPlants, planPlants } from './corpus/plan-plants.js';
import { renderFile } from './corpus/render-file.js';
import { TextKit } from './corpus/text-kit.js';

/** Options of {@link generateCorpus}. */
export interface GenerateCorpusOptions {
  /** Directory that receives `corpus/` and `manifest.json` (both replaced if they exist). */
  readonly outDir: string;
  /** Approximate corpus size in MiB. @defaultValue 200 */
  readonly sizeMb?: number;
  /** PRNG seed. @defaultValue 1 */
  readonly seed?: number;
}

export const DEFAULT_SIZE_MB = 200;
export const DEFAULT_SEED = 1;
export const CORPUS_DIR = 'corpus';
export const MANIFEST_FILE = 'manifest.json';
/** Bump when the generator's output changes, so that the runner regenerates an older corpus. */
export const GENERATOR_VERSION = 4;

/** Writes the corpus and its manifest under `outDir`; returns the manifest. */
export function generateCorpus(options: GenerateCorpusOptions): CorpusManifest {
  const sizeMb = options.sizeMb ?? DEFAULT_SIZE_MB;
  const seed = options.seed ?? DEFAULT_SEED;
  const kit = new TextKit(new KeyGenerator(seed));
  const root = join(options.outDir, CORPUS_DIR);
  // Only what this generator writes is replaced: `outDir` itself may hold other things.
  rmSync(root, { recursive: true, force: true });
  rmSync(join(options.outDir, MANIFEST_FILE), { force: true });

  const files = planFiles(kit, sizeMb * 1024 * 1024);
  const plantsPerFile = assignPlants(kit, planPlants(kit, sizeMb), files);
  const keys: KeyEntry[] = [];
  const nearMisses: NearMissEntry[] = [];
  let bytes = 0;
  files.forEach((file, index) => {
    const rendered = renderFile(kit, file, plantsPerFile[index] ?? []);
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    const data = Buffer.from(rendered.text, 'utf8');
    writeFileSync(target, data);
    bytes += data.length;
    keys.push(...rendered.keys);
    nearMisses.push(...rendered.nearMisses);
  });

  const manifest: CorpusManifest = {
    generator: GENERATOR_VERSION,
    seed,
    sizeMb,
    root: CORPUS_DIR,
    files: files.length,
    bytes,
    keys,
    nearMisses,
  };
  writeFileSync(join(options.outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
  return manifest;
}

function runFromCommandLine(): void {
  const { values } = parseArgs({
    options: {
      'size-mb': { type: 'string', default: String(DEFAULT_SIZE_MB) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string', default: '.bench/scan' },
    },
  });
  const sizeMb = Number(values['size-mb']);
  const seed = Number(values.seed);
  if (!(sizeMb > 0) || !Number.isInteger(seed)) {
    console.error('generate-corpus: --size-mb must be a positive number and --seed an integer');
    process.exit(2);
  }
  const started = performance.now();
  const manifest = generateCorpus({ outDir: resolve(values.out), sizeMb, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `corpus: ${manifest.files} files, ${(manifest.bytes / 2 ** 20).toFixed(1)} MiB, ${manifest.keys.length} keys, ` +
      `${manifest.nearMisses.length} near-misses in ${values.out} (${seconds} s)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runFromCommandLine();
