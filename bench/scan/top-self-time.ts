// Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time.
// Usage: tsx bench/scan/top-self-time.ts FILE.cpuprofile [--top 15]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

/** The parts of a `.cpuprofile` this summary reads. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  /** `name (file:line)`, with the file relative to the working directory. */
  readonly frame: string;
  readonly milliseconds: number;
  readonly share: number;
}

/** Self time per function (samples attributed to the innermost frame), largest first. */
export function topSelfTime(profile: CpuProfile, top: number): SelfTime[] {
  const frameOf = new Map(profile.nodes.map((node) => [node.id, describe(node)]));
  const micros = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    // A sample lasts until the next one (as DevTools counts): timeDeltas[i] is the gap before sample i.
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const frame = frameOf.get(id) ?? '(unknown)';
    micros.set(frame, (micros.get(frame) ?? 0) + delta);
    total += delta;
  });
  return [...micros]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, us]) => ({ frame, milliseconds: us / 1000, share: total ? us / total : 0 }));
}

/** One row: share, milliseconds, frame. */
export function formatSelfTime(row: SelfTime): string {
  return `${(row.share * 100).toFixed(1).padStart(5)}%  ${row.milliseconds.toFixed(0).padStart(7)} ms  ${row.frame}`;
}

function describe({ callFrame }: ProfileNode): string {
  const name = callFrame.functionName || '(anonymous)';
  if (!callFrame.url) return name;
  const file = callFrame.url.startsWith('file:')
    ? relative(process.cwd(), fileURLToPath(callFrame.url))
    : callFrame.url;
  return `${name} (${file}:${callFrame.lineNumber + 1})`;
}

function runFromCommandLine(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '15' } },
  });
  const [file] = positionals;
  if (!file) {
    console.error('usage: tsx bench/scan/top-self-time.ts FILE.cpuprofile [--top 15]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  for (const row of topSelfTime(profile, Number(values.top))) console.log(formatSelfTime(row));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runFromCommandLine();
