// Renders one planned file: filler blocks up to the target size, the file's plants inserted between
// blocks, and the manifest entries that say where each plant landed.
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { LogClock } from './log-blocks.js';
import type { KeyEntry, NearMissEntry } from './manifest.js';
import { onKindLine, type Placement, type PlantContext } from './placement.js';
import type { PlannedFile } from './plan-files.js';
import type { Plant } from './plan-plants.js';
import { hasPlainRootKey } from './root-key-pattern.js';
import type { TextKit } from './text-kit.js';

export interface RenderedFile {
  readonly text: string;
  readonly keys: KeyEntry[];
  readonly nearMisses: NearMissEntry[];
}

const ALLOW_MARK = 'rootguard:allow';

export function renderFile(kit: TextKit, file: PlannedFile, plants: readonly Plant[]): RenderedFile {
  const clock = new LogClock(kit);
  const ctx: PlantContext = { kit, kind: file.kind, clock };
  const filler = [...file.kind.head];
  const boundaries = [filler.length];
  const block = file.kind.block(clock);
  let chars = 0;
  while (chars < file.targetBytes) {
    const before = filler.length;
    block(kit, filler);
    for (let i = before; i < filler.length; i++) chars += (filler[i]?.length ?? 0) + 1;
    boundaries.push(filler.length);
  }
  filler.push(...file.kind.tail);

  const placed = plants
    .map((plant) => ({ plant, placement: place(ctx, plant), boundary: kit.pick(boundaries) }))
    .sort((a, b) => a.boundary - b.boundary);
  const lines: string[] = [];
  const keys: KeyEntry[] = [];
  const nearMisses: NearMissEntry[] = [];
  let next = 0;
  for (let i = 0; i <= filler.length; i++) {
    for (; next < placed.length && placed[next]?.boundary === i; next++) {
      const { plant, placement } = placed[next] as (typeof placed)[number];
      const at: Location = {
        path: file.path,
        line: lines.length + placement.at + 1,
        column: placement.column,
        length: placement.length,
        plainMatch: hasPlainRootKey(placement.lines[placement.at] ?? ''),
      };
      lines.push(...placement.lines);
      if (plant.type === 'key') keys.push(keyEntry(plant, at));
      else nearMisses.push(nearMissEntry(plant, at));
    }
    if (i < filler.length) lines.push(filler[i] as string);
  }
  const eol = file.crlf ? '\r\n' : '\n';
  return { text: lines.join(eol) + eol, keys, nearMisses };
}

type Location = Pick<KeyEntry, 'path' | 'line' | 'column' | 'length' | 'plainMatch'>;

function keyEntry(plant: Extract<Plant, { type: 'key' }>, at: Location): KeyEntry {
  const { form, format, key } = plant;
  return {
    ...at,
    ruleId: format === 'current' ? 'unkey-root-key' : 'unkey-root-key-v1',
    format,
    fingerprint: fingerprintKey(key),
    form: form.id,
    decodedFrom: form.decodedFrom,
    probe: form.probe ?? false,
  };
}

function nearMissEntry(plant: Extract<Plant, { type: 'near-miss' }>, at: Location): NearMissEntry {
  const { category, variant } = plant.variant;
  return { ...at, category, variant, fingerprint: fingerprintKey(plant.text) };
}

function place(ctx: PlantContext, plant: Plant): Placement {
  if (plant.type === 'key') return plant.form.render(ctx, plant.key);
  const placement = onKindLine(ctx, plant.text);
  if (!plant.variant.allowComment) return placement;
  const [line = ''] = placement.lines;
  return { ...placement, lines: [`${line} ${ctx.kind.comment ?? '#'} ${ALLOW_MARK}`] };
}
