import { readFileSync } from 'node:fs';

/**
 * Where package.json is from this module: two levels up from `src/cli/` (run from the sources),
 * three from `dist/src/cli/` (the build).
 */
const CANDIDATES = ['../../package.json', '../../../package.json'];

/** rootguard's version from its package.json. */
export function readVersion(): string {
  for (const candidate of CANDIDATES) {
    let text: string;
    try {
      text = readFileSync(new URL(candidate, import.meta.url), 'utf8');
    } catch {
      continue;
    }
    const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (manifest.name === 'rootguard')
      return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  }
  return '0.0.0';
}
