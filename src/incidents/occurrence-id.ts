import { createHash } from 'node:crypto';
import type { OccurrenceLocation } from '../sources/occurrences/occurrence-location.js';
import { occurrenceSourceFor } from '../sources/occurrences/registry.js';

/**
 * A stable id of a place: a hash of the fields its kind names as identifying
 * (`OccurrenceSource.identity`), so the same place recorded twice (a redelivered webhook, a
 * rescan, a push and the PR holding the same commit) is one occurrence. `author`, `url` and
 * `pullRequest` describe a place but don't change it.
 */
export function occurrenceIdFor(location: OccurrenceLocation): string {
  const parts = occurrenceSourceFor(location).identity(location);
  return `occ_${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)}`;
}
