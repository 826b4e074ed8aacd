import type { Incident } from '../../incidents/incident.js';
import type { CommandJob } from '../../queue/command-job.js';
import {
  DONE_ANSWERS,
  type CommandAnswer,
  type IncidentCommand,
  type IssueTarget,
} from './command-answer.js';
import { approveCommand } from './approve.js';
import { checkCommandAccess } from './check-command-access.js';
import type { CommandDependencies } from './command-dependencies.js';
import { falsePositiveCommand } from './false-positive.js';
import { retryCommand } from './retry.js';

/** One answer to a command, and the issue it goes to (none: it is only logged). */
export interface CommandReply {
  readonly answer: CommandAnswer;
  readonly issue?: IssueTarget;
  /** The incident it is about, when there is one. */
  readonly incidentId?: string;
}

const COMMANDS: Record<
  IncidentCommand,
  (deps: CommandDependencies, incident: Incident, actor: string) => Promise<CommandAnswer>
> = {
  approve: approveCommand,
  'false-positive': falsePositiveCommand,
  retry: retryCommand,
};

/**
 * Carries out a command and returns the answers to give, without posting them (the worker saves
 * them first, so that a retried job posts them rather than acting twice). The incidents: the
 * issue's (`ReportStore.incidentForIssue`), or the check run's whose id starts with the button's
 * prefix (`all`: every one awaiting approval). Users without write access to every repository
 * where the keys were seen (and not in a responder team) get why not, and nothing else happens
 * (`checkCommandAccess`). On a check run, only refusals are answered, on the incident's issue.
 */
export async function runCommand(deps: CommandDependencies, job: CommandJob): Promise<CommandReply[]> {
  const source = job.source;
  const commandIssue = source.kind === 'issue' ? { repo: job.repo, number: source.issueNumber } : undefined;
  if (job.command === 'help') return commandIssue ? [{ answer: { kind: 'help' }, issue: commandIssue }] : [];
  const command = job.command;

  const ids =
    source.kind === 'issue'
      ? [await deps.reports.incidentForIssue(job.repo, source.issueNumber)].filter((id) => id !== undefined)
      : (await deps.reports.incidentsForCheckRun(job.repo, source.checkRunId)).filter(
          (id) => source.incidentPrefix === 'all' || id.slice(4, 16) === source.incidentPrefix,
        );
  const found = (await Promise.all(ids.map((id) => deps.incidents.get(id)))).filter(
    (incident) => incident !== undefined,
  );
  // `approve:all` acts on the incidents that wait for an approval and leaves the others alone.
  const incidents =
    source.kind === 'check-run' && source.incidentPrefix === 'all'
      ? found.filter((i) => i.status === 'awaiting-approval' && i.approvedAt === undefined)
      : found;
  if (incidents.length === 0) {
    if (commandIssue) return [{ answer: { kind: 'not-an-incident', command }, issue: commandIssue }];
    deps.log.info({ repo: job.repo, source, command }, 'no incident for this check run action');
    return [];
  }

  const access = await checkCommandAccess(deps, job, incidents);
  if (!access.allowed) {
    const answer: CommandAnswer = {
      kind: 'no-permission',
      command,
      ...(access.named ? { repo: access.named.repo, permission: access.named.permission } : {}),
      ...(access.unnamed > 0 ? { unnamed: access.unnamed } : {}),
    };
    if (commandIssue) return [{ answer, issue: commandIssue }];
    return Promise.all(incidents.map((i) => replyOnIncidentIssue(deps, i.id, answer)));
  }

  const replies: CommandReply[] = [];
  for (const incident of incidents) {
    const answer = await COMMANDS[command](deps, incident, job.actor);
    if (commandIssue) replies.push({ answer, issue: commandIssue, incidentId: incident.id });
    // A button's success shows in the reports the notify queue updates; a refusal needs words.
    else if (!DONE_ANSWERS.has(answer.kind))
      replies.push(await replyOnIncidentIssue(deps, incident.id, answer));
    else replies.push({ answer, incidentId: incident.id });
  }
  return replies;
}

async function replyOnIncidentIssue(
  deps: CommandDependencies,
  incidentId: string,
  answer: CommandAnswer,
): Promise<CommandReply> {
  const issue = await deps.reports.issue(incidentId);
  return { answer, incidentId, ...(issue ? { issue: { repo: issue.repo, number: issue.number } } : {}) };
}
