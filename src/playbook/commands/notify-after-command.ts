import type { CommandDependencies } from './command-dependencies.js';

/** Why a report is due: the command that changed the incident. */
export type CommandTrigger = 'approved' | 'false-positive' | 'retry';

/**
 * Hands the incident's state after a command to the reporters (its current run and revision).
 * An incident whose playbook never started a run has nothing reported yet: the run reports it.
 */
export async function notifyAfterCommand(
  deps: Pick<CommandDependencies, 'incidents' | 'notify' | 'log'>,
  incidentId: string,
  trigger: CommandTrigger,
): Promise<void> {
  const incident = await deps.incidents.get(incidentId);
  if (!incident || incident.run < 1) {
    deps.log.debug({ incident: incidentId, trigger }, 'no run to report yet');
    return;
  }
  await deps.notify({ incidentId, run: incident.run, revision: incident.revision, trigger });
}
