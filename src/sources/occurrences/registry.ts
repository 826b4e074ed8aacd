import { commitLineSource } from './commit-line.js';
import { jobLogLineSource } from './job-log-line.js';
import type { OccurrenceKind, OccurrenceLocation } from './occurrence-location.js';
import type { OccurrenceSource } from './occurrence-source.js';
import { secretScanningAlertSource } from './secret-alert.js';

/** Each kind's source, keyed by the kind it handles: the compiler asks for one per kind. */
export const OCCURRENCE_SOURCES: {
  readonly [K in OccurrenceKind]: OccurrenceSource<Extract<OccurrenceLocation, { kind: K }>>;
} = {
  commit: commitLineSource,
  'job-log': jobLogLineSource,
  'secret-scanning-alert': secretScanningAlertSource,
};

/** The source of the location's kind. */
export function occurrenceSourceFor<L extends OccurrenceLocation>(location: L): OccurrenceSource<L> {
  // The mapped type guarantees the pairing; TypeScript cannot follow it through a union key.
  return OCCURRENCE_SOURCES[location.kind as L['kind']] as unknown as OccurrenceSource<L>;
}
