/**
 * As many of `lines` as fit in `budget` characters (each followed by a line break), then one
 * line from `more(omitted)` saying how many were left out. GitHub rejects a check run whose
 * summary passes its limit, so long tables are cut with a count rather than sent whole.
 */
export function fitLines(
  lines: readonly string[],
  budget: number,
  more: (omitted: number) => string,
): { text: string; shown: number } {
  const full = lines.reduce((sum, line) => sum + line.length + 1, 0);
  if (full <= budget) return { text: lines.map((line) => `${line}\n`).join(''), shown: lines.length };
  // Room for the closing line, sized for the largest count it could name.
  let room = budget - more(lines.length).length - 1;
  const kept: string[] = [];
  for (const line of lines) {
    if (line.length + 1 > room) break;
    kept.push(`${line}\n`);
    room -= line.length + 1;
  }
  return { text: `${kept.join('')}${more(lines.length - kept.length)}\n`, shown: kept.length };
}

/**
 * The last guard on a length limit: text past `max` characters is cut with `…`. Renderers budget
 * their parts so this should not happen; if it does, GitHub still accepts the text.
 */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
