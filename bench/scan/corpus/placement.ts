// Where planted text sits in the lines inserted into a file.
import type { FileKind } from './file-kinds.js';
import type { LogClock } from './log-blocks.js';
import type { TextKit } from './text-kit.js';

/** Lines to insert into a file, and where in them the planted text starts. */
export interface Placement {
  readonly lines: readonly string[];
  /** Index in `lines` of the line that holds the planted text. */
  readonly at: number;
  /** 1-based column in code points. */
  readonly column: number;
  /** Length in code points of the planted text. */
  readonly length: number;
}

/** What a form needs to render itself into a file. */
export interface PlantContext {
  readonly kit: TextKit;
  readonly kind: FileKind;
  readonly clock: LogClock;
}

/** Length in Unicode code points (what finding columns count). */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** One line holding `token` between `prefix` and `suffix`. */
export function onLine(prefix: string, token: string, suffix = ''): Placement {
  return {
    lines: [prefix + token + suffix],
    at: 0,
    column: codePoints(prefix) + 1,
    length: codePoints(token),
  };
}

/** `token` on a line typical of the file kind. */
export function onKindLine(ctx: PlantContext, token: string): Placement {
  const { prefix, suffix } = ctx.kind.tokenLine(ctx.kit, ctx.clock);
  return onLine(prefix, token, suffix);
}
