import type { RuleId } from '../detect/finding.js';
import { IncidentError } from './errors.js';
import type { Incident, IncidentStatus } from './incident.js';

/**
 * The incident stored in `{p}:incident:{id}` (its hash as `HGETALL` returns it), or undefined
 * when the hash is empty (no such incident). Read by the store and by the archive.
 */
export function incidentFromHash(hash: Record<string, string>): Incident | undefined {
  if (hash['id'] === undefined) return undefined;
  return {
    id: hash['id'],
    fingerprint: field(hash, 'fingerprint'),
    ruleId: field(hash, 'ruleId') as RuleId,
    masked: field(hash, 'masked'),
    status: statusFromField(hash['status']),
    createdAt: field(hash, 'createdAt'),
    updatedAt: field(hash, 'updatedAt'),
    firstExposedAt: field(hash, 'firstExposedAt'),
    occurrenceCount: Number(field(hash, 'occurrenceCount')),
    anyPublic: field(hash, 'anyPublic') === '1',
    revision: Number(field(hash, 'revision')),
    run: Number(hash['run'] ?? 0),
    ...optional(hash, 'firstReceivedAt'),
    ...optional(hash, 'revokedAt'),
    ...(hash['timeToRevokeMs'] ? { timeToRevokeMs: Number(hash['timeToRevokeMs']) } : {}),
    ...optional(hash, 'deployedAt'),
    ...(hash['timeToDeployedMs'] ? { timeToDeployedMs: Number(hash['timeToDeployedMs']) } : {}),
    ...optional(hash, 'containedAt'),
    ...(hash['timeToContainMs'] ? { timeToContainMs: Number(hash['timeToContainMs']) } : {}),
    ...optional(hash, 'approvedBy'),
    ...optional(hash, 'approvedAt'),
    ...optional(hash, 'falsePositiveBy'),
    ...optional(hash, 'falsePositiveAt'),
  };
}

function field(hash: Record<string, string>, name: string): string {
  const value = hash[name];
  if (value === undefined) throw new IncidentError('bad-input', `A stored incident lacks its ${name} field.`);
  return value;
}

function optional<K extends string>(hash: Record<string, string>, name: K): { [P in K]?: string } {
  const value = hash[name];
  return (value === undefined || value === '' ? {} : { [name]: value }) as { [P in K]?: string };
}

/** The incident's `status` field as stored; an incident recorded before it had one is `open`. */
export function statusFromField(status: string | null | undefined): IncidentStatus {
  return (status ?? 'open') as IncidentStatus;
}
