import type { Queue } from 'bullmq';
import type { Incident } from '../../incidents/incident.js';
import type { PlaybookJob } from '../../queue/playbook-job.js';
import type { CommandAnswer } from './command-answer.js';
import { PlaybookError } from '../errors.js';
import { wakeParkedJob } from '../wake-parked-job.js';
import type { CommandDependencies, CommandStores } from './command-dependencies.js';
import { notifyAfterCommand } from './notify-after-command.js';

/** What marking an incident a false positive did. */
export type FalsePositiveResult =
  | { readonly kind: 'marked'; readonly incident: Incident }
  | { readonly kind: 'already-false-positive'; readonly incident: Incident }
  /** A run's `contain` step is `done`: the key was revoked as a real key. */
  | { readonly kind: 'revoked'; readonly incident: Incident; readonly run: number };

/**
 * Closes an incident as a false positive: status `false-positive` with who and when, a
 * `false-positive` timeline event, and its delayed playbook job promoted so that it ends at once
 * (`runPlaybook` is idle for such incidents). Refused once any run's `contain` step is `done`:
 * the key was revoked, so it was treated as real. Later scans allow the key by its fingerprint.
 */
export async function markFalsePositive(
  stores: CommandStores,
  playbookQueue: Queue<PlaybookJob>,
  incidentId: string,
  login: string,
  now: Date = new Date(),
): Promise<FalsePositiveResult> {
  const incident = await stores.incidents.get(incidentId);
  if (!incident) throw new PlaybookError('no-incident', `Incident ${incidentId} does not exist.`);
  if (incident.status === 'false-positive') return { kind: 'already-false-positive', incident };
  for (let run = incident.run; run >= 1; run--) {
    const state = await stores.runs.getRun(incidentId, run);
    if (state?.steps.get('contain')?.outcome === 'done') return { kind: 'revoked', incident, run };
  }
  const at = now.toISOString();
  await stores.runs.updateIncident(incidentId, {
    status: 'false-positive',
    falsePositiveBy: login,
    falsePositiveAt: at,
  });
  await stores.runs.appendTimeline(incidentId, {
    at,
    run: incident.run,
    event: 'false-positive',
    text: `Closed as a false positive by ${login}; the key is allowed by its fingerprint.`,
  });
  await wakeParkedJob(await playbookQueue.getJob(incidentId));
  return {
    kind: 'marked',
    incident: { ...incident, status: 'false-positive', falsePositiveBy: login, falsePositiveAt: at },
  };
}

/** `/rootguard false-positive` (or the "False positive" button): the answer to give. */
export async function falsePositiveCommand(
  deps: CommandDependencies,
  incident: Incident,
  actor: string,
): Promise<CommandAnswer> {
  const result = await markFalsePositive(deps, deps.playbookQueue, incident.id, actor, deps.now());
  const about = { id: incident.id, masked: incident.masked };
  if (result.kind === 'already-false-positive') {
    // Hand the report over again: a worker that stopped between marking and notifying left the
    // issue open, and its retried job lands here. The reporters skip a state already sent.
    await notifyAfterCommand(deps, incident.id, 'false-positive');
    return {
      kind: 'already-false-positive',
      incident: about,
      ...(result.incident.falsePositiveBy ? { by: result.incident.falsePositiveBy } : {}),
    };
  }
  if (result.kind === 'revoked') return { kind: 'false-positive-refused', incident: about, run: result.run };
  await notifyAfterCommand(deps, incident.id, 'false-positive');
  return { kind: 'false-positive-marked', incident: about };
}
