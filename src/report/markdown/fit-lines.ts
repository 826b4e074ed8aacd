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

/**
 * At most `cap` of `lines` (the first, or the last with `keepLast`), and of those as many as fit
 * in `budget` characters, each followed by a line break, with one line from `more(omitted)`
 * counting every line left out (by the cap or the budget): first with `keepLast`, else last.
 * Takes at most `budget` characters; room for the count line is kept even when nothing is cut.
 */
export function fitCappedLines(
  lines: readonly string[],
  options: {
    readonly cap: number;
    readonly budget: number;
    readonly more: (omitted: number) => string;
    readonly keepLast?: boolean;
  },
): string {
  const { cap, more, keepLast = false } = options;
  const capped = keepLast ? lines.slice(-cap) : lines.slice(0, cap);
  let room = options.budget - more(lines.length).length - 1;
  const kept: string[] = [];
  for (const line of keepLast ? [...capped].reverse() : capped) {
    if (line.length + 1 > room) break;
    kept.push(line);
    room -= line.length + 1;
  }
  if (keepLast) kept.reverse();
  const count = kept.length < lines.length ? [more(lines.length - kept.length)] : [];
  return (keepLast ? [...count, ...kept] : [...kept, ...count]).map((line) => `${line}\n`).join('');
}

/** The budget {@link fitCappedLines} needs to show all its capped lines (with the count line's room). */
export function cappedLinesNeed(
  lines: readonly string[],
  options: { readonly cap: number; readonly more: (omitted: number) => string; readonly keepLast?: boolean },
): number {
  const capped = options.keepLast ? lines.slice(-options.cap) : lines.slice(0, options.cap);
  return capped.reduce((sum, line) => sum + line.length + 1, 0) + options.more(lines.length).length + 1;
}
