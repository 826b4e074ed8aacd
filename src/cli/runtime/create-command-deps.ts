import type { CommandDependencies } from '../../playbook/commands/command-dependencies.js';
import type { PlaybookDependencies } from '../../playbook/playbook-dependencies.js';
import { postCommandAnswer } from '../../report/command-answer/post-command-answer.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** What the command worker's dependencies are made from. */
export type CommandWiring = Pick<
  RuntimePieces,
  'operatorConfig' | 'probot' | 'queues' | 'incidents' | 'runs' | 'reports' | 'log'
> & {
  /**
   * The playbook's dependencies: a command writes to other repositories through the playbook's
   * GitHub lane (`clientFor`), and hands the new state to the reporters as the playbook does.
   */
  readonly playbook: Pick<PlaybookDependencies, 'clientFor' | 'notify'>;
};

/**
 * The command worker's outside world in production: the stores, the playbook queue (approvals,
 * retries and false positives wake the incident's job), the App's client for the command's own
 * repository, the answer's poster (the report's: the playbook never imports a reporter), and the
 * operator's responder teams.
 */
export function createCommandDependencies(wiring: CommandWiring): CommandDependencies {
  const { probot } = wiring;
  return {
    incidents: wiring.incidents,
    runs: wiring.runs,
    reports: wiring.reports,
    playbookQueue: wiring.queues.playbook,
    auth: (installationId) => probot.auth(installationId),
    clientFor: wiring.playbook.clientFor,
    // The reporters take it from the notify queue, as they take the playbook's reports.
    notify: wiring.playbook.notify,
    postAnswer: postCommandAnswer,
    log: wiring.log.child({ name: 'command' }),
    responderTeams: wiring.operatorConfig.commands.responderTeams,
    now: () => new Date(),
  };
}
