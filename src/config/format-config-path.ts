/** A zod issue path as people write it: `policy.rules[1].mode`; empty for the file itself. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}
