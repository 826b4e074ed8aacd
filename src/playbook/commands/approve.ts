import type { Incident } from '../../incidents/incident.js';
import type { CommandAnswer } from './command-answer.js';
import { approveIncident } from '../approve-incident.js';
import type { CommandDependencies } from './command-dependencies.js';
import { notifyAfterCommand } from './notify-after-command.js';

/**
 * `/rootguard approve` (or "Revoke now"): approves containment of an incident the `approve`
 * policy holds, and wakes its playbook. Any other status, or an approval already given, is
 * answered with why nothing was done.
 */
export async function approveCommand(
  deps: CommandDependencies,
  incident: Incident,
  actor: string,
): Promise<CommandAnswer> {
  const about = { id: incident.id, masked: incident.masked };
  if (incident.status !== 'awaiting-approval')
    return { kind: 'not-awaiting-approval', incident: about, status: incident.status };
  if (incident.approvedAt !== undefined)
    return {
      kind: 'already-approved',
      incident: about,
      by: incident.approvedBy ?? 'a user',
      at: incident.approvedAt,
    };
  await approveIncident(deps, deps.playbookQueue, incident.id, actor, deps.now());
  await notifyAfterCommand(deps, incident.id, 'approved');
  return { kind: 'approved', incident: about };
}
