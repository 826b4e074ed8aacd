import { describe, expect, it } from 'vitest';
import type { IncidentReport } from '../../../../src/report/incident/incident-report.js';
import {
  incidentCheckActions,
  incidentCheckMarkers,
  mergeCheckSummary,
  parseCheckActionIdentifier,
  renderIncidentCheckSection,
} from '../../../../src/report/incident/check/render-incident-check.js';
import { findKeyMaterial } from '../../../support/secret-canary.js';
import { allReports, fixtureKeys } from '../incident-report-fixtures.js';

const k = fixtureKeys();
const reports = allReports(k);
const MAX = 65_535;

describe('renderIncidentCheckSection', () => {
  it.each(Object.keys(reports))('renders the %s incident', (name) => {
    const section = renderIncidentCheckSection(reports[name] as IncidentReport);
    expect(section).toMatchSnapshot();
    expect(findKeyMaterial([['section', section]], k.keys)).toEqual([]);
  });
});

describe('mergeCheckSummary', () => {
  const report = reports['assisted'] as IncidentReport;
  const id = report.incident.id;
  const { start, end } = incidentCheckMarkers(id);

  it("appends the section after the scan's summary, then replaces it in place", () => {
    const once = mergeCheckSummary('## Scan\n\nFound 1 key.\n', id, 'first\n');
    expect(once).toBe(`## Scan\n\nFound 1 key.\n\n${start}\nfirst\n${end}`);
    const other = mergeCheckSummary(once, 'inc_other', 'other\n');
    const twice = mergeCheckSummary(other, id, 'second\n');
    expect(twice).toBe(
      `## Scan\n\nFound 1 key.\n\n${start}\nsecond\n${end}\n\n${incidentCheckMarkers('inc_other').start}\nother\n${incidentCheckMarkers('inc_other').end}`,
    );
  });

  it('stays within 65,535 characters, the scan summary first, even when the summary is at the limit', () => {
    const full = `## Scan\n${'x'.repeat(MAX - 8)}`;
    const merged = mergeCheckSummary(full, id, renderIncidentCheckSection(report));
    expect(merged.length).toBeLessThanOrEqual(MAX);
    expect(merged.startsWith('## Scan\nxxx')).toBe(true);
    expect(merged).toContain(start);
    expect(merged.endsWith(end)).toBe(true);
    const huge = mergeCheckSummary('## Scan\n', id, 'y'.repeat(100_000));
    expect(huge.length).toBeLessThanOrEqual(MAX);
    expect(huge.endsWith(end)).toBe(true);
  });

  it('masks a key that reached the section', () => {
    const merged = mergeCheckSummary('## Scan\n', id, `oops ${k.spare}\n`);
    expect(findKeyMaterial([['merged', merged]], k.keys)).toEqual([]);
  });
});

describe('incidentCheckActions', () => {
  const waiting = reports['awaiting-approval'] as IncidentReport;
  const prefix = waiting.incident.id.slice(4, 16);

  it('offers "Revoke now" and "False positive" for one incident awaiting approval', () => {
    expect(incidentCheckActions([waiting, reports['automatic'] as IncidentReport])).toEqual([
      {
        label: 'Revoke now',
        description: 'Revoke the leaked key, issue a new one',
        identifier: `approve:${prefix}`,
      },
      {
        label: 'False positive',
        description: 'Not a leaked key: close the incident',
        identifier: `fp:${prefix}`,
      },
    ]);
  });

  it('offers only "Revoke all now" for several, and nothing when none awaits approval under approve policy', () => {
    const second = { ...waiting, incident: { ...waiting.incident, id: 'inc_ZZZZZZZZZZZZZZZZZZZZZZ' } };
    expect(incidentCheckActions([waiting, second])).toEqual([
      {
        label: 'Revoke all now',
        description: 'Revoke every leaked key held here',
        identifier: 'approve:all',
      },
    ]);
    expect(incidentCheckActions([{ ...waiting, policyMode: 'auto' }])).toEqual([]);
    expect(incidentCheckActions(Object.values(reports).filter((r) => r !== waiting))).toEqual([]);
  });

  it("keeps within GitHub's limits: 3 actions, label 20, description 40, identifier 20", () => {
    const second = { ...waiting, incident: { ...waiting.incident, id: 'inc_ZZZZZZZZZZZZZZZZZZZZZZ' } };
    for (const actions of [incidentCheckActions([waiting]), incidentCheckActions([waiting, second])]) {
      expect(actions.length).toBeLessThanOrEqual(3);
      for (const a of actions) {
        expect(a.label.length).toBeLessThanOrEqual(20);
        expect(a.description.length).toBeLessThanOrEqual(40);
        expect(a.identifier.length).toBeLessThanOrEqual(20);
      }
    }
  });

  it('parses the identifiers it makes, and nothing else', () => {
    for (const action of incidentCheckActions([waiting])) {
      const parsed = parseCheckActionIdentifier(action.identifier);
      expect(parsed?.incidentPrefix).toBe(prefix);
      expect(waiting.incident.id.startsWith(`inc_${parsed?.incidentPrefix}`)).toBe(true);
    }
    expect(parseCheckActionIdentifier(`approve:${prefix}`)).toEqual({
      command: 'approve',
      incidentPrefix: prefix,
    });
    expect(parseCheckActionIdentifier(`fp:${prefix}`)).toEqual({
      command: 'false-positive',
      incidentPrefix: prefix,
    });
    expect(parseCheckActionIdentifier('approve:all')).toEqual({ command: 'approve', incidentPrefix: 'all' });
    for (const bad of [
      'fp:all',
      'approve:short',
      `retry:${prefix}`,
      `approve:${prefix}x`,
      'approve:',
      `approve:${prefix.slice(0, 11)}!`,
    ])
      expect(parseCheckActionIdentifier(bad)).toBeUndefined();
  });
});
