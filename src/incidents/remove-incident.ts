import type { RedisClient } from '../redis/redis-client.js';
import { FINISHED_STATUSES } from './incident.js';
import type { IncidentSnapshot } from './incident-archive.js';
import { incidentIndexKeys, incidentKeys } from './incident-keys.js';
import { REMOVE_INCIDENT_LUA } from './remove-incident-script.js';

/**
 * What {@link removeIncident} did: `removed` (every key and index entry gone), `absent` (already
 * gone), `not-finished` (reopened: kept) or `changed` (changed since its snapshot: kept, its
 * archive line is stale).
 */
export type RemoveIncidentResult = 'removed' | 'absent' | 'not-finished' | 'changed';

/**
 * Removes an archived incident: its hash, occurrences, runs, timeline and reports, and its entries
 * in the incident index, the follow-ups, the issue index and its check runs' sets, all in one
 * script, and only if it is still finished and unchanged since `snapshot` was read.
 */
export async function removeIncident(
  redis: RedisClient,
  prefix: string,
  snapshot: IncidentSnapshot,
): Promise<RemoveIncidentResult> {
  const { incident } = snapshot.line;
  const keys = incidentKeys(prefix, incident.id);
  const index = incidentIndexKeys(prefix);
  const { guard } = snapshot;
  const runKeys = Array.from({ length: guard.run }, (_, i) => keys.run(i + 1));
  const checkRunKeys = snapshot.reportFieldNames
    .filter((field) => field.startsWith('check:'))
    .map((field) => {
      const [repo, id] = splitAtLastHash(field.slice('check:'.length));
      return index.checkRun(repo, id);
    });
  const issue = snapshot.line.reports['issue'] as { repo?: unknown; number?: unknown } | undefined;
  const issueField =
    typeof issue?.repo === 'string' && typeof issue.number === 'number'
      ? `issue:${issue.repo}#${issue.number}`
      : '';
  const declared = [
    keys.incident,
    keys.occurrences,
    keys.timeline,
    keys.reports,
    keys.index,
    index.followUps,
    index.reportIndex,
    ...runKeys,
    ...checkRunKeys,
  ];
  const reply = await redis.eval(
    REMOVE_INCIDENT_LUA,
    declared.length,
    ...declared,
    incident.id,
    String(guard.revision),
    String(guard.run),
    String(guard.timelineLength),
    guard.lastTimelineLine,
    String(guard.reportFields),
    String(runKeys.length),
    issueField,
    ...FINISHED_STATUSES,
  );
  return reply as RemoveIncidentResult;
}

function splitAtLastHash(text: string): [string, string] {
  const at = text.lastIndexOf('#');
  return [text.slice(0, at), text.slice(at + 1)];
}
