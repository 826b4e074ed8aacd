import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/incidents/incident.js';
import type { CheckRunRef } from '../../src/incidents/report-store.js';
import type { NotifyRequest } from '../../src/queue/notify-job.js';
import { linkCheckRunToIncidents } from '../../src/scan/link-check-run-to-incidents.js';

const checkRun: CheckRunRef = { repo: 'acme/app', checkRunId: 7, headSha: 'a'.repeat(40) };

describe('linkCheckRunToIncidents', () => {
  it("links the check run to each incident, then asks the reporters for the incident's revision", async () => {
    const events: string[] = [];
    const notified: NotifyRequest[] = [];
    const stored = new Map([
      ['inc-1', { run: 2, revision: 5 }],
      ['inc-2', { run: 1, revision: 3 }],
    ]);
    const hook = linkCheckRunToIncidents({
      reports: {
        linkCheckRun: async (incidentId, ref) => {
          events.push(`link ${incidentId} ${ref.checkRunId}`);
        },
      },
      incidents: { get: async (incidentId) => stored.get(incidentId) as Incident | undefined },
      notify: async (request) => {
        events.push(`notify ${request.incidentId}`);
        notified.push(request);
      },
    });
    await hook(['inc-1', 'gone', 'inc-2'], checkRun);
    expect(events).toEqual(['link inc-1 7', 'notify inc-1', 'link gone 7', 'link inc-2 7', 'notify inc-2']);
    expect(notified).toEqual([
      { incidentId: 'inc-1', run: 2, revision: 5, trigger: 'scanned' },
      { incidentId: 'inc-2', run: 1, revision: 3, trigger: 'scanned' },
    ]);
  });
});
