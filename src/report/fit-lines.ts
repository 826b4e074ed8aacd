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

/**
 * Splits `room` characters between parts that each need some: every part gets what it needs if
 * all fit; otherwise the small ones get theirs and the rest share what is left equally, so one
 * long list cannot crowd out the others.
 */
export function shareRoom(needs: readonly number[], room: number): number[] {
  const shares = needs.map(() => 0);
  let left = Math.max(0, room);
  const order = needs.map((need, index) => ({ need, index })).sort((a, b) => a.need - b.need);
  order.forEach(({ need, index }, position) => {
    const share = Math.min(need, Math.floor(left / (order.length - position)));
    shares[index] = share;
    left -= share;
  });
  return shares;
}
