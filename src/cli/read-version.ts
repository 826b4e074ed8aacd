import { readFileSync } from 'node:fs';

/** rootguard's version from package.json (two levels up from both `src/cli/` and `dist/cli/`). */
export function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}
