import type { Incident } from '../incidents/incident.js';
import { incidentIdFor } from '../incidents/incident-id.js';
import type { FoundBy } from '../incidents/occurrence.js';
import type { AllowedFinding } from '../report/check-run/render-allowed-findings.js';
import type { SourceFinding } from '../sources/scan-result.js';
import { maskPlaceNames } from '../incidents/mask-place-names.js';
import { maskSecrets } from '../log/mask-secrets.js';
import { RecordFindingsError, type RecordFailure } from './errors.js';
import type { ScanDependencies } from './scan-dependencies.js';

/** Where the findings came from, for the occurrences. */
export interface FindingOrigin {
  readonly foundBy: FoundBy;
  readonly repoPublic: boolean;
  readonly deliveryId: string;
  /** When the delivery reached rootguard (ms since the epoch), when known. */
  readonly receivedAt?: number;
}

/** What `recordFindings` did with the findings. */
export interface RecordFindingsResult {
  /** Fingerprint → incident id of every recorded finding, for the reports. */
  readonly incidents: Map<string, string>;
  /** Findings of keys a human closed as false positives: not recorded, no playbook. */
  readonly allowed: AllowedFinding[];
}

/**
 * Records each finding as an occurrence of its incident (one incident per fingerprint) and puts
 * each incident's playbook on the queue. Runs before any report is written: containment waits for
 * nothing. A key whose incident was closed as a false positive is allowed by its fingerprint: its
 * findings are returned as `allowed`, and neither recorded nor queued. A finding that cannot be
 * recorded does not stop the others: every recorded incident is queued first, then
 * `RecordFindingsError` names what failed (so the scan job retries).
 */
export async function recordFindings(
  deps: Pick<ScanDependencies, 'incidents' | 'enqueuePlaybook' | 'log' | 'reports'>,
  findings: readonly SourceFinding[],
  origin: FindingOrigin,
): Promise<RecordFindingsResult> {
  const incidentIds = new Map<string, string>();
  const allowed: AllowedFinding[] = [];
  const failures: RecordFailure[] = [];
  const falsePositives = new Map<string, Promise<Omit<AllowedFinding, 'finding'> | undefined>>();
  for (const sourceFinding of findings) {
    const { finding, location, exposedAt } = sourceFinding;
    const incidentId = incidentIdFor(finding.fingerprint);
    let closed = falsePositives.get(incidentId);
    if (closed === undefined) {
      closed = deps.incidents.get(incidentId).then((incident) => falsePositive(deps, incident));
      falsePositives.set(incidentId, closed);
    }
    const allowedAs = await closed;
    if (allowedAs) {
      allowed.push({ finding: sourceFinding, ...allowedAs });
      continue;
    }
    try {
      const recorded = await deps.incidents.recordOccurrence({
        fingerprint: finding.fingerprint,
        ruleId: finding.ruleId,
        masked: finding.masked,
        occurrence: {
          ruleId: finding.ruleId,
          // A key in a path, job or step name (its own or another's) is stored masked.
          location: maskPlaceNames(location),
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
    } catch (error) {
      // One occurrence that cannot be stored never stops the others, nor their containment.
      failures.push({ incidentId, masked: finding.masked, reason: errorText(error) });
    }
  }
  // Every recorded incident is queued, even when another occurrence or enqueue failed.
  for (const incidentId of new Set(incidentIds.values()))
    await deps.enqueuePlaybook(incidentId).catch((error: unknown) => {
      failures.push({ incidentId, reason: `its playbook was not queued: ${errorText(error)}` });
    });
  if (failures.length > 0) {
    deps.log.error({ failures }, 'findings not recorded');
    // After the queueing: the scan job fails and retries, and a retry records only what is missing.
    throw new RecordFindingsError(failures);
  }
  if (allowed.length > 0)
    deps.log.info(
      { allowed: allowed.length, incidents: [...new Set(allowed.map((a) => a.incidentId))] },
      'findings allowed: marked false positives',
    );
  return { incidents: incidentIds, allowed };
}

async function falsePositive(
  deps: Pick<ScanDependencies, 'reports'>,
  incident: Incident | undefined,
): Promise<Omit<AllowedFinding, 'finding'> | undefined> {
  if (incident?.status !== 'false-positive') return undefined;
  const issue = await deps.reports?.issue(incident.id);
  return {
    incidentId: incident.id,
    ...(incident.falsePositiveBy ? { markedBy: incident.falsePositiveBy } : {}),
    ...(issue ? { issue } : {}),
  };
}

function errorText(error: unknown): string {
  return maskSecrets(error instanceof Error ? error.message : String(error));
}
