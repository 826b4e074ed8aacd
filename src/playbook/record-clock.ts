import type { Incident } from '../incidents/incident.js';
import type { RunStore } from '../incidents/run-store.js';
import type { PlaybookMetrics } from './playbook-metrics.js';

/**
 * The three clocks of an incident, each from the first webhook received (`firstReceivedAt`):
 * `revoked` (the key stopped working), `deployed` (every deploy target holds the replacement),
 * `contained` (a probe saw the key dead).
 */
export type IncidentClock = 'revoked' | 'deployed' | 'contained';

const FIELDS = {
  revoked: { at: 'revokedAt', ms: 'timeToRevokeMs' },
  deployed: { at: 'deployedAt', ms: 'timeToDeployedMs' },
  contained: { at: 'containedAt', ms: 'timeToContainMs' },
} as const;

/**
 * Records a clock once: a retried step, a follow-up run or a second delivery never moves it.
 * Returns the milliseconds from the first webhook (undefined when that time is not known, or
 * the clock was already set), and counts them in `metrics` once recorded.
 */
export async function recordClock(
  runs: Pick<RunStore, 'updateIncident'>,
  incident: Incident,
  clock: IncidentClock,
  at: Date,
  metrics?: Pick<PlaybookMetrics, 'clockRecorded'>,
): Promise<number | undefined> {
  const fields = FIELDS[clock];
  if (incident[fields.at] !== undefined) return undefined;
  const received = incident.firstReceivedAt ? Date.parse(incident.firstReceivedAt) : Number.NaN;
  const ms = Number.isNaN(received) ? undefined : Math.max(0, at.getTime() - received);
  await runs.updateIncident(incident.id, {
    [fields.at]: at.toISOString(),
    ...(ms !== undefined ? { [fields.ms]: ms } : {}),
  });
  if (ms !== undefined) metrics?.clockRecorded(clock, ms);
  return ms;
}

/**
 * When a key that rootguard did not revoke itself stopped working: the expiry Unkey reports
 * when it lies between the first webhook and the observation, else the observation.
 * Why: the probe sees a revocation late (the assisted path looks every 10 s, Unkey's key cache
 * answers from a stale entry), so the expiry is the truer time of a human's rotation. An expiry
 * before the first webhook means the key was revoked before rootguard knew of the leak: then
 * the clock says when rootguard first saw it dead, not a zero that would read as its own work.
 * Unkey writes the expiry to the second, so it may be up to a second early.
 */
export function revokedAtFor(observed: Date, expiredAt: string | undefined, incident: Incident): Date {
  const expired = expiredAt === undefined ? Number.NaN : Date.parse(expiredAt);
  const received = incident.firstReceivedAt ? Date.parse(incident.firstReceivedAt) : Number.NaN;
  if (Number.isNaN(expired) || Number.isNaN(received)) return observed;
  return expired >= received && expired < observed.getTime() ? new Date(expired) : observed;
}
