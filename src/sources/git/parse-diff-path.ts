const ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 0x22,
  '\\': 0x5c,
};

/** Undoes git's C-style quoting of a path (`"caf\303\251 \"x\""`), octal escapes as raw bytes. */
export function unquoteGitPath(quoted: string): string {
  const bytes: number[] = [];
  const body = quoted.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The path of a `+++ ` line's argument (`b/src/x.ts`, `"b/quoted"`, `/dev/null`), without the
 * `b/` prefix; `undefined` for `/dev/null` (the file was deleted).
 */
export function parseDiffPath(text: string): string | undefined {
  // git ends the name with a tab when it holds a space, so that patch tools can find its end.
  const name = text.endsWith('\t') ? text.slice(0, -1) : text;
  const path = name.startsWith('"') && name.endsWith('"') && name.length > 1 ? unquoteGitPath(name) : name;
  if (path === '/dev/null') return undefined;
  return path.startsWith('b/') ? path.slice(2) : path;
}
