import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { occurrenceIdFor } from '../../src/incidents/occurrence-id.js';
import { KeyGenerator } from '../support/keygen.js';

describe('incidentIdFor', () => {
  it('is stable, distinct per key, and a valid BullMQ job id', () => {
    const gen = new KeyGenerator(602);
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const fingerprint = fingerprintKey(gen.rootKey());
      const id = incidentIdFor(fingerprint);
      expect(id).toBe(incidentIdFor(fingerprint));
      expect(id).toMatch(/^inc_[A-Za-z0-9_-]{22}$/);
      expect(`${parseInt(id, 10)}`).not.toBe(id);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
  });

  it('refuses what is not a fingerprint (so a key can never become an id)', () => {
    const key = new KeyGenerator(603).rootKey();
    expect(() => incidentIdFor(key)).toThrow(TypeError);
    expect(() => incidentIdFor('')).toThrow(TypeError);
  });
});

describe('occurrenceIdFor', () => {
  const commit = {
    kind: 'commit',
    repo: 'a/b',
    commit: 'c'.repeat(40),
    path: 'x',
    line: 1,
    column: 2,
  } as const;

  it('gives the same place the same id, whatever describes it besides', () => {
    expect(occurrenceIdFor(commit)).toBe(occurrenceIdFor({ ...commit, author: 'A <a@x>', pullRequest: 4 }));
  });

  it('gives different places different ids', () => {
    const ids = [
      occurrenceIdFor(commit),
      occurrenceIdFor({ ...commit, line: 2 }),
      occurrenceIdFor({ ...commit, column: 3 }),
      occurrenceIdFor({ ...commit, path: 'y' }),
      occurrenceIdFor({ kind: 'job-log', repo: 'a/b', runId: 1, jobId: 2, jobName: 'j', line: 1 }),
      occurrenceIdFor({ kind: 'job-log', repo: 'a/b', runId: 1, jobId: 3, jobName: 'j', line: 1 }),
      occurrenceIdFor({ kind: 'secret-scanning-alert', repo: 'a/b', alertNumber: 1 }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
