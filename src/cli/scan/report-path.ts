import { isAbsolute, relative, sep } from 'node:path';

/**
 * The path a finding is reported under: relative to the scan root with `/` separators, as a
 * user would type it from there; absolute when the file lies outside the root.
 */
export function reportPath(root: string, file: string): string {
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    return file.split(sep).join('/');
  return rel.split(sep).join('/');
}
