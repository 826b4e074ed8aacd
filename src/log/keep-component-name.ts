/**
 * Leaves one top-level `name` key in a pino line: the component's. pino writes a child's bindings
 * after its parent's, so a child named below a named parent repeats the key
 * (`"name":"runtime","name":"scan"`), and Probot names children of the logger it is given
 * (`probot`, `event`, `octokit`), so its lines carried three or four. The component is the name
 * bound right below the root (`createLogger`'s `name`): a line with several keeps that second
 * one, and a line logged on the root keeps the root's. Anything else in the line is untouched.
 */
export function keepComponentName(line: string): string {
  // Cheap test first: most lines have one name, and the scan below only runs on the others.
  const first = line.indexOf('"name":');
  if (first === -1 || line.indexOf('"name":', first + 7) === -1) return line;
  const spans = topLevelNameSpans(line);
  if (spans.length < 2) return line;
  const keep = spans[1]!;
  let out = line;
  // Cut from the end, so earlier offsets stay right.
  for (const span of [...spans].reverse())
    if (span !== keep) out = out.slice(0, span.start) + out.slice(span.end);
  return out;
}

/** `,"name":<value>` entries of the outermost object, as [start, end) offsets (start at the comma). */
function topLevelNameSpans(line: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let inString = false;
  let open: { start: number } | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === 1 && line[i - 1] === ',' && line.startsWith('"name":', i)) {
        open = { start: i - 1 };
        i += 6; // to the colon; the value is scanned as any other
        continue;
      }
      inString = true;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (open && depth === 0) {
        spans.push({ start: open.start, end: i });
        open = undefined;
      }
    } else if (c === ',' && depth === 1 && open) {
      spans.push({ start: open.start, end: i });
      open = undefined;
    }
  }
  return spans;
}
