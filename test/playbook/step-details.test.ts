import { describe, expect, it } from 'vitest';
import { detailOf, readStepDetail, STEP_DETAIL_SCHEMAS } from '../../src/playbook/step-details.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import {
  affectedKeys,
  keyIdentity,
  replacementOf,
  stepRecord,
} from '../../src/report/incident/incident-facts.js';
import { automaticReport, fixtureKeys } from '../report/incident/incident-report-fixtures.js';

describe('step details', () => {
  it('has one schema per step name, and none for a name the playbook does not run', () => {
    expect(Object.keys(STEP_DETAIL_SCHEMAS).sort()).toEqual([...STEP_NAMES].sort());
  });

  it('reads a detail that passes its schema as stored (the same object: spreading it records the same JSON)', () => {
    const detail = { liveness: 'dead', answer: 'key_not_found', seenDeadAt: '2026-11-27T12:00:00.000Z' };
    expect(readStepDetail({ detail }, 'verify')).toBe(detail);
  });

  it('reads a step without a detail as none, and detailOf as an empty detail', () => {
    expect(readStepDetail({}, 'contain')).toBeUndefined();
    expect(readStepDetail(undefined, 'contain')).toBeUndefined();
    expect(detailOf({ steps: new Map() }, 'contain')).toEqual({});
  });

  it('reads a field that fails its schema as absent, and keeps the others', () => {
    const detail = { path: 'automatic', keyId: 42, deploy: 'acme/api', deploySource: 'inventory' };
    expect(readStepDetail({ detail }, 'identify')).toEqual({ path: 'automatic', deploySource: 'inventory' });
    // A list with one bad entry is absent as a whole.
    const audit = {
      method: 'audit-log',
      affected: [{ keyId: 'key_1', reasons: ['created'] }, { reasons: [] }],
    };
    expect(readStepDetail({ detail: audit }, 'audit')).toEqual({ method: 'audit-log' });
  });

  it('reads a detail that is not an object as none', () => {
    // Stored JSON is untyped: a damaged record may hold anything.
    const detail = JSON.parse('"not an object"') as Record<string, unknown>;
    expect(readStepDetail({ detail }, 'gate')).toBeUndefined();
  });

  it('keeps a report rendering from a malformed stored detail: the bad fields read as absent', () => {
    const k = fixtureKeys();
    const base = automaticReport(k);
    const steps = new Map(base.run!.steps);
    const contain = stepRecord(base, 'contain')!;
    const audit = stepRecord(base, 'audit')!;
    const identify = stepRecord(base, 'identify')!;
    steps.set('contain', { ...contain, detail: { ...contain.detail, newKeyId: 7, newMasked: ['x'] } });
    steps.set('audit', { ...audit, detail: { ...audit.detail, affected: 'all of them', truncated: 'yes' } });
    steps.set('identify', { ...identify, detail: { ...identify.detail, keyId: { id: 'key_1' } } });
    const report = { ...base, run: { ...base.run!, steps } };
    expect(replacementOf(report)).toBeUndefined();
    expect(affectedKeys(report)).toEqual({ keys: [], truncated: false });
    expect(keyIdentity(report).keyId).toBeUndefined();
    expect(keyIdentity(report).name).toBe(keyIdentity(base).name);
    // The unchanged report reads them all.
    expect(replacementOf(base)).toBeDefined();
    expect(affectedKeys(base).keys.length).toBeGreaterThan(0);
    expect(keyIdentity(base).keyId).toBeDefined();
  });
});
