import type { Incident } from '../../incidents/incident.js';

/** One of an incident's three clocks as reports show it: a label, its time, and what it measures. */
export interface IncidentClockLine {
  readonly label: string;
  readonly ms: number;
  /** What the clock measures, from the first report reaching rootguard. */
  readonly meaning: string;
}

/**
 * The clocks an incident has, in the order they stop: revoked (the leaked key stopped working),
 * deployed (every deploy target holds the replacement), contained (a probe saw the key dead).
 * Each runs from the first webhook that reported the key; a clock not stopped yet is left out.
 */
export function incidentClockLines(incident: Incident): IncidentClockLine[] {
  const lines: IncidentClockLine[] = [];
  if (incident.timeToRevokeMs !== undefined)
    lines.push({
      label: 'Time to revoke',
      ms: incident.timeToRevokeMs,
      meaning:
        'until the leaked key stopped working: Unkey answered the reroll, or a revocation by hand was seen',
    });
  if (incident.timeToDeployedMs !== undefined)
    lines.push({
      label: 'Time to deployed',
      ms: incident.timeToDeployedMs,
      meaning: 'until every deploy target held the replacement',
    });
  if (incident.timeToContainMs !== undefined)
    lines.push({
      label: 'Time to contain',
      ms: incident.timeToContainMs,
      meaning: 'until a probe confirmed that Unkey rejects the key',
    });
  return lines;
}
