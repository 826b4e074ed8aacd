import { describe, expect, it } from 'vitest';
import type { IncidentReport } from '../../../src/report/incident/incident-report.js';
import {
  formatDuration,
  formatUtcTime,
  incidentStatusLine,
} from '../../../src/report/incident/incident-status.js';
import { allReports, at, automaticReport, fixtureKeys, runOf } from './incident-report-fixtures.js';

const k = fixtureKeys();
const reports = allReports(k);

describe('incidentStatusLine', () => {
  it('says how fast a contained key was revoked, deployed and confirmed dead, counted from what reached rootguard first', () => {
    expect(incidentStatusLine(reports['automatic'] as IncidentReport)).toEqual({
      label: 'Contained',
      sentence:
        'the key was revoked 293 ms after the pull request reached rootguard; every deploy target held its replacement at 1.0 s; a probe confirmed Unkey rejects it at 1.2 s.',
    });
    const base = automaticReport(k);
    const pushed = {
      ...base,
      occurrences: base.occurrences.map((o) => ({ ...o, foundBy: 'push' as const })),
    };
    expect(incidentStatusLine(pushed).sentence).toMatch(
      /^the key was revoked 293 ms after the push reached rootguard;/,
    );
  });

  it('never says "revoked" for the confirmation time: without a revoke clock, the probe is named', () => {
    const base = automaticReport(k);
    const {
      revokedAt: _r,
      timeToRevokeMs: _t,
      timeToDeployedMs: _d,
      deployedAt: _a,
      ...older
    } = base.incident;
    expect(incidentStatusLine({ ...base, incident: older }).sentence).toBe(
      'the key is revoked; a probe confirmed Unkey rejects it 1.2 s after the pull request reached rootguard.',
    );
  });

  it('names who can approve and how, for an incident awaiting approval', () => {
    expect(incidentStatusLine(reports['awaiting-approval'] as IncidentReport)).toEqual({
      label: 'Awaiting approval',
      sentence:
        'the key is still live; the policy holds containment until a user with write access approves it: ' +
        'comment `/rootguard approve` on the incident issue, or press "Revoke now" on the check run.',
    });
  });

  it('counts the steps left for a human, the dry run, and who closed a false positive', () => {
    expect(incidentStatusLine(reports['assisted'] as IncidentReport)).toEqual({
      label: 'Needs a human',
      sentence: 'the key may still be live: 2 steps are left for a human (contain, distribute).',
    });
    expect(incidentStatusLine(reports['dry-run'] as IncidentReport).label).toBe('Dry run');
    expect(incidentStatusLine(reports['false-positive'] as IncidentReport).sentence).toContain(
      'Closed as a false positive by octo-dev',
    );
  });

  it('says which step runs or waits, and for what, while the incident is open', () => {
    const base = automaticReport(k);
    const open = { ...base, incident: { ...base.incident, status: 'open' as const } };
    expect(incidentStatusLine({ ...open, run: undefined }).sentence).toBe(
      'found; the playbook has not started yet.',
    );
    const waiting = runOf(k.automatic.masked, [
      { step: 'verify', outcome: 'done', ms: 100, summary: 'live' },
      { step: 'identify', ms: 0, summary: 'waiting for a rate limit', waitingFor: 'a rate limit' },
    ]);
    expect(incidentStatusLine({ ...open, run: waiting.run })).toEqual({
      label: 'In progress',
      sentence: `step identify is waiting for a rate limit (looks again at ${formatUtcTime(at(2_160 + 60_000))} UTC).`,
    });
    const running = runOf(k.automatic.masked, [{ step: 'verify', ms: 0, summary: 'running' }]);
    expect(incidentStatusLine({ ...open, run: running.run }).sentence).toBe('step verify is running.');
  });
});

describe('formatDuration', () => {
  it('reads as people say it', () => {
    expect([850, 1_234, 65_000, 3_600_000 + 20 * 60_000].map(formatDuration)).toEqual([
      '850 ms',
      '1.2 s',
      '1 min 5 s',
      '1 h 20 min',
    ]);
  });
});
