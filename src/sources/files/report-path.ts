import { isAbsolute, relative, sep } from 'node:path';

/**
 * The path a finding is reported under: relative to the scan root with `/` separators, as a
 * user would type it from there; absolute when the file lies outside the root.
 */
export function reportPath(root: string, file: string): string {
  // The walk joins names onto the resolved root, so a file below it starts with it: slicing is
  // exact there and much cheaper than path.relative, which runs once per file.
  const prefix = root.endsWith(sep) ? root : root + sep;
  if (file.startsWith(prefix) && file.length > prefix.length && !file.includes(`${sep}..${sep}`)) {
    const rel = file.slice(prefix.length);
    return sep === '/' ? rel : rel.split(sep).join('/');
  }
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    return file.split(sep).join('/');
  return rel.split(sep).join('/');
}
