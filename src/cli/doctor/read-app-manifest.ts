import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** What `app.yml` asks GitHub for: the permissions (name → level) and the events. */
export interface AppManifest {
  readonly permissions: Readonly<Record<string, string>>;
  readonly events: readonly string[];
}

/**
 * Where app.yml is from this module: three levels up from `src/cli/doctor/` (run from the
 * sources), four from `dist/src/cli/doctor/` (the build and the npm package, which ships it).
 */
const CANDIDATES = ['../../../app.yml', '../../../../app.yml'];

/** Reads rootguard's `app.yml` (the App manifest), which names what the App must be granted. */
export function readAppManifest(
  read: (url: URL) => string = (url) => readFileSync(url, 'utf8'),
): AppManifest {
  for (const candidate of CANDIDATES) {
    let text: string;
    try {
      text = read(new URL(candidate, import.meta.url));
    } catch {
      continue;
    }
    const doc = parse(text) as { default_permissions?: unknown; default_events?: unknown };
    const permissions = (doc.default_permissions ?? {}) as Record<string, string>;
    const events = Array.isArray(doc.default_events) ? (doc.default_events as string[]) : [];
    return { permissions, events };
  }
  throw new Error('app.yml is not next to rootguard (it ships in the package); reinstall rootguard.');
}
