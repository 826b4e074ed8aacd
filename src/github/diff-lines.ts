// `@@ -12,3 +14,5 @@ optional section heading`: counts are optional and default to 1.
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * The lines of the new file that a unified diff `patch` (a pull request file's `patch` field)
 * shows: added and context lines, the RIGHT side, where GitHub accepts a line comment. Each hunk
 * is read for exactly the line counts its header gives, so a trailing newline or a
 * `\ No newline at end of file` line is never taken for a line of the file.
 */
export function parseDiffLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let newLine = 0;
  let oldLeft = 0;
  let newLeft = 0;
  for (const text of patch.split('\n')) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      oldLeft = Number(header[2] ?? 1);
      newLine = Number(header[3]);
      newLeft = Number(header[4] ?? 1);
      continue;
    }
    if (oldLeft <= 0 && newLeft <= 0) continue;
    const sign = text[0];
    if (sign === '\\') continue;
    if (sign === '-') {
      oldLeft--;
      continue;
    }
    // `+` is added; ` ` (or an empty line, when a tool trimmed the space) is context on both sides.
    if (newLeft > 0) lines.add(newLine);
    newLine++;
    newLeft--;
    if (sign !== '+') oldLeft--;
  }
  return lines;
}
