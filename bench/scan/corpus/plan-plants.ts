// Decides what is planted (keys in every form and format, near-misses in every variant) and in
// which file. Counts scale with the corpus size, with at least one of each in any corpus.
import { KEY_FORMS, type KeyForm } from './key-forms.js';
import type { KeyFormat } from './manifest.js';
import { NEAR_MISSES, type NearMissVariant } from './near-misses.js';
import type { PlannedFile } from './plan-files.js';
import type { TextKit } from './text-kit.js';

export type Plant =
  | { readonly type: 'key'; readonly form: KeyForm; readonly format: KeyFormat; readonly key: string }
  | { readonly type: 'near-miss'; readonly variant: NearMissVariant; readonly text: string };

/** Keys per form and format in a 200 MB corpus: a few hundred keys in all, so text dominates. */
const KEYS_PER_FORM_AT_200MB = 6;
/** Near-misses per variant in a 200 MB corpus. */
const NEAR_MISSES_PER_VARIANT_AT_200MB = 8;
const REFERENCE_MB = 200;

export function planPlants(kit: TextKit, sizeMb: number): Plant[] {
  const count = (at200: number) => Math.max(1, Math.round((at200 * sizeMb) / REFERENCE_MB));
  const plants: Plant[] = [];
  for (const form of KEY_FORMS) {
    for (const format of ['current', 'v1'] as const) {
      for (let i = count(KEYS_PER_FORM_AT_200MB); i > 0; i--) {
        const key = format === 'current' ? kit.gen.rootKey() : kit.gen.rootKeyV1();
        plants.push({ type: 'key', form, format, key });
      }
    }
  }
  for (const variant of NEAR_MISSES) {
    for (let i = count(NEAR_MISSES_PER_VARIANT_AT_200MB); i > 0; i--) {
      plants.push({ type: 'near-miss', variant, text: variant.make(kit.gen) });
    }
  }
  return plants;
}

/**
 * The plants of each planned file (same order as `files`). Each plant goes to a file that fits it,
 * picked with a chance proportional to its size: a leak is as likely in any byte of text, so large
 * logs (including those the CLI streams) get their share.
 */
export function assignPlants(
  kit: TextKit,
  plants: readonly Plant[],
  files: readonly PlannedFile[],
): Plant[][] {
  const perFile = files.map((): Plant[] => []);
  for (const plant of plants) {
    const fitting = files.flatMap((file, index) => (fits(plant, file) ? [index] : []));
    if (fitting.length === 0) throw new Error(`no planned file fits ${describe(plant)}`);
    perFile[pickBySize(kit, fitting, files)]?.push(plant);
  }
  return perFile;
}

function pickBySize(kit: TextKit, indexes: readonly number[], files: readonly PlannedFile[]): number {
  const size = (index: number) => files[index]?.targetBytes ?? 0;
  let roll = kit.gen.next() * indexes.reduce((sum, index) => sum + size(index), 0);
  for (const index of indexes) if ((roll -= size(index)) < 0) return index;
  return indexes[indexes.length - 1] as number;
}

function fits(plant: Plant, file: PlannedFile): boolean {
  if (plant.type === 'near-miss') return !plant.variant.allowComment || file.kind.comment !== undefined;
  return plant.form.kinds.includes(file.kind.id) && (!plant.form.needsCrlf || file.crlf);
}

function describe(plant: Plant): string {
  return plant.type === 'key'
    ? `key form ${plant.form.id}`
    : `near-miss ${plant.variant.category}/${plant.variant.variant}`;
}
