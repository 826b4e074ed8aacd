import type { IncidentStatus } from '../../incidents/incident.js';
import type {
  AnsweredIncident,
  CommandAnswer,
  IncidentCommand,
} from '../../playbook/commands/command-answer.js';
import { maskReportText } from '../markdown/mask-report-text.js';
import { codeSpan, escapeText } from '../markdown/markdown.js';

const ACTS: Record<IncidentCommand, string> = {
  approve: 'approve containment',
  'false-positive': 'mark an incident a false positive',
  retry: 'retry a playbook',
};

const NOT_AWAITING: Record<IncidentStatus, string> = {
  open: 'it is not waiting for an approval (its policy does not ask for one, or the playbook has not reached the approval yet)',
  'awaiting-approval': 'it is waiting for an approval',
  contained: 'the key is already contained',
  'needs-human': 'its playbook run has ended and needs a human; see the checklist, or use `/rootguard retry`',
  'dry-run': 'it ran as a dry run, which never contains a key',
  'false-positive': 'it was closed as a false positive',
};

/** The help text: the three commands and when each applies. */
export const COMMAND_HELP = [
  'rootguard takes these commands on its incident issues, from people with write access to every repository where the key was seen (or members of a responder team):',
  '',
  '- `/rootguard approve`: contain the leaked key now (revoke it, issue a replacement with the same permissions, update the deployment secrets). Applies while the incident waits for an approval (policy `approve`).',
  '- `/rootguard false-positive`: close the incident as not a real key; later scans then allow this key by its fingerprint. Applies until rootguard has revoked the key.',
  '- `/rootguard retry`: run again the playbook steps that failed or were left to a human, and the steps after them. Steps that are done never run again (a key is never revoked twice).',
].join('\n');

/**
 * The comment that answers `actor`'s command: `@actor`, then what was done or why not. Pure;
 * the text leaves through `maskReportText`.
 */
export function renderCommandAnswer(actor: string, answer: CommandAnswer): string {
  return maskReportText(`@${actor}${answerText(answer)}`);
}

function answerText(answer: CommandAnswer): string {
  switch (answer.kind) {
    case 'help':
      return `: ${COMMAND_HELP}`;
    case 'not-an-incident':
      return `: this issue is not a rootguard incident, so ${codeSpan(`/rootguard ${answer.command}`)} has nothing to act on. Commands work on the incident issues rootguard opens.`;
    case 'no-permission': {
      const lacking: string[] = [];
      if (answer.repo !== undefined)
        lacking.push(
          `your permission on ${escapeText(answer.repo)} is ${escapeText(answer.permission ?? 'none')}`,
        );
      const unnamed = answer.unnamed ?? 0;
      if (unnamed > 0)
        lacking.push(
          `you lack write access to ${unnamed === 1 ? 'a private repository' : `${unnamed} private repositories`} where this key was also seen (not named here)`,
        );
      return `: only people with write access to every repository where this key was seen, or members of a responder team, can ${ACTS[answer.command]}; ${lacking.join(', and ')}. Nothing was changed.`;
    }
    case 'approved':
      return `: containment of ${about(answer.incident)} is approved; the playbook resumes now and this issue follows it.`;
    case 'not-awaiting-approval':
      return `: nothing to approve for ${about(answer.incident)}: ${NOT_AWAITING[answer.status]}.`;
    case 'already-approved':
      return `: containment of ${about(answer.incident)} was already approved by ${escapeText(answer.by)} at ${answer.at}.`;
    case 'false-positive-marked':
      return `: ${about(answer.incident)} is closed as a false positive. Its playbook stops, and later scans allow this key by its fingerprint. If it was a real key after all, revoke it in the Unkey dashboard.`;
    case 'already-false-positive':
      return `: ${about(answer.incident)} was already closed as a false positive${answer.by ? ` by ${escapeText(answer.by)}` : ''}.`;
    case 'false-positive-refused':
      return `: ${about(answer.incident)} cannot be marked a false positive: rootguard already revoked the key (run ${answer.run}), so it was treated as a real key. Nothing was changed.`;
    case 'retrying':
      return `: retrying the playbook of ${about(answer.incident)} from ${codeSpan(answer.steps[0] ?? 'report')}: ${answer.steps.map(codeSpan).join(', ')} run again. Steps already done are not repeated.`;
    case 'nothing-to-retry':
      return `: nothing to retry for ${about(answer.incident)}: no step ${answer.run ? `of run ${answer.run} ` : ''}failed or was left to a human.`;
    case 'retry-busy':
      return `: the playbook of ${about(answer.incident)} is running right now; retry once it has finished.`;
    case 'retry-false-positive':
      return `: ${about(answer.incident)} was closed as a false positive; there is nothing to retry.`;
  }
}

function about(incident: AnsweredIncident): string {
  return `incident ${codeSpan(incident.id)} (${codeSpan(incident.masked)})`;
}
