import type { FoundBy } from '../incidents/occurrence.js';
import type { SourceFinding } from '../sources/scan-result.js';
import type { ScanDependencies } from './scan-dependencies.js';

/** Where the findings came from, for the occurrences. */
export interface FindingOrigin {
  readonly foundBy: FoundBy;
  readonly repoPublic: boolean;
  readonly deliveryId: string;
  /** When the delivery reached rootguard (ms since the epoch), when known. */
  readonly receivedAt?: number;
}

/**
 * Records each finding as an occurrence of its incident (one incident per fingerprint) and puts
 * each incident's playbook on the queue. Runs before any report is written: containment waits for
 * nothing. Returns fingerprint → incident id, for the reports.
 */
export async function recordFindings(
  deps: Pick<ScanDependencies, 'incidents' | 'enqueuePlaybook' | 'log'>,
  findings: readonly SourceFinding[],
  origin: FindingOrigin,
): Promise<Map<string, string>> {
  const incidentIds = new Map<string, string>();
  for (const { finding, location, exposedAt } of findings) {
    const recorded = await deps.incidents.recordOccurrence({
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      masked: finding.masked,
      occurrence: {
        ruleId: finding.ruleId,
        location,
        exposedAt,
        foundBy: origin.foundBy,
        repoPublic: origin.repoPublic,
        deliveryId: origin.deliveryId,
        ...(origin.receivedAt ? { receivedAt: new Date(origin.receivedAt).toISOString() } : {}),
        ...(finding.decodedFrom ? { decodedFrom: finding.decodedFrom } : {}),
      },
    });
    incidentIds.set(finding.fingerprint, recorded.incidentId);
    if (recorded.incidentCreated)
      deps.log.warn(
        { incident: recorded.incidentId, masked: finding.masked, rule: finding.ruleId },
        'leaked key: incident opened',
      );
  }
  for (const incidentId of new Set(incidentIds.values())) await deps.enqueuePlaybook(incidentId);
  return incidentIds;
}
