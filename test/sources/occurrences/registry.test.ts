import { describe, expect, it } from 'vitest';
import type { OccurrenceLocation } from '../../../src/sources/occurrences/occurrence-location.js';
import { OCCURRENCE_SOURCES, occurrenceSourceFor } from '../../../src/sources/occurrences/registry.js';

// One location of every kind: the `satisfies` makes the compiler ask for a new kind here too.
const examples = {
  commit: { kind: 'commit', repo: 'a/b', commit: 'c'.repeat(40), path: 'x', line: 1, column: 1 },
  'job-log': { kind: 'job-log', repo: 'a/b', runId: 1, jobId: 2, jobName: 'j', line: 1 },
  'secret-scanning-alert': { kind: 'secret-scanning-alert', repo: 'a/b', alertNumber: 1 },
} satisfies { [K in OccurrenceLocation['kind']]: Extract<OccurrenceLocation, { kind: K }> };

describe('OCCURRENCE_SOURCES', () => {
  it('holds one source per kind, registered under the kind it handles', () => {
    expect(Object.keys(OCCURRENCE_SOURCES).sort()).toEqual(Object.keys(examples).sort());
    for (const [kind, source] of Object.entries(OCCURRENCE_SOURCES)) expect(source.kind).toBe(kind);
  });

  it("finds a location's source by its kind", () => {
    for (const location of Object.values(examples) as OccurrenceLocation[])
      expect(occurrenceSourceFor(location)).toBe(OCCURRENCE_SOURCES[location.kind]);
  });

  it('gives every kind an identity that starts with the kind, so two kinds never share an id', () => {
    for (const location of Object.values(examples) as OccurrenceLocation[])
      expect(occurrenceSourceFor(location).identity(location)[0]).toBe(location.kind);
  });
});
