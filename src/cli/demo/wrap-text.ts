/** The account's width: it reads in a 100-column terminal. */
export const DEMO_WIDTH = 100;

/**
 * Wraps `text` to `width` columns, each line indented by `indent` (the first by `first`, when
 * given); words longer than a line stay whole. Keeps the text's own line breaks.
 */
export function wrapText(text: string, indent: string, first = indent, width = DEMO_WIDTH): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : indent;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (!empty && line.length + 1 + word.length > width) {
        lines.push(line);
        line = indent;
        empty = true;
      }
      line += empty ? word : ` ${word}`;
      empty = false;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
