import type { CommitLocation } from './commit-line.js';
import type { JobLogLocation } from './job-log-line.js';
import type { AlertLocation } from './secret-alert.js';

/** Where a leaked key was seen. Holds no key material. One member per module in `registry.ts`. */
export type OccurrenceLocation = CommitLocation | JobLogLocation | AlertLocation;

/** The kinds of place: each has its `OccurrenceSource` in `registry.ts`. */
export type OccurrenceKind = OccurrenceLocation['kind'];
