import { maskKey } from '../detect/mask.js';
import { hasKeyMaterial } from './has-key-material.js';
import type { OccurrenceLocation } from '../sources/occurrences/occurrence-location.js';
import type { PlaceName } from '../sources/occurrences/place-name.js';

// `unkey_` is assembled so that this file holds nothing the repository scan could mistake for a key.
const KEY_SHAPED = new RegExp(`${['un', 'key'].join('')}_[A-Za-z0-9]{8,}`, 'g');

/** What a name becomes when masking its plain keys still leaves an (encoded) key in it. */
export const WITHHELD_NAME = '[name withheld: it holds an encoded key]';

const NAMES: readonly PlaceName[] = ['path', 'author', 'jobName', 'step', 'archiveEntry'];

/**
 * The location with every name that holds a key (a file path, an author, a job or step name, an
 * archive entry) masked, and those names listed in `maskedNames`: a key in a name is itself a
 * leak, and stored data never holds a key. Plain keys become their masked form; a name still
 * holding an encoded key is withheld whole. Locations without keys come back unchanged.
 */
export function maskPlaceNames<L extends OccurrenceLocation>(location: L): L {
  const masked: Record<string, string> = {};
  const maskedNames: PlaceName[] = [];
  for (const name of NAMES) {
    const value = (location as Partial<Record<PlaceName, unknown>>)[name];
    if (typeof value !== 'string' || !hasKeyMaterial(value)) continue;
    const plainMasked = value.replace(KEY_SHAPED, (key) => maskKey(key));
    masked[name] = hasKeyMaterial(plainMasked) ? WITHHELD_NAME : plainMasked;
    maskedNames.push(name);
  }
  if (maskedNames.length === 0) return location;
  return { ...location, ...masked, maskedNames };
}
