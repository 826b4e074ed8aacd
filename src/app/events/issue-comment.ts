import type { Context } from 'probot';
import type { CommandJob, CommandName } from '../../queue/command-job.js';
import { isOwnSender, type AppIdentity } from '../app-identity.js';
import { WebhookInputError } from '../errors.js';
import { jobBase } from './job-base.js';

const WORDS: ReadonlySet<string> = new Set(['approve', 'false-positive', 'retry']);
// `/rootguard`, then the rest of the first line (a word, or nothing); `/rootguardx` is not ours.
const COMMAND_LINE = /^\s*\/rootguard(?:\s+(.*?))?\s*$/i;

/**
 * The command a comment gives, from its first line: `/rootguard <word>` (any case, surrounding
 * whitespace allowed). `approve`, `false-positive` and `retry` are commands; any other word, more
 * than one word, or none asks for `help`. Undefined when the first line is not a command.
 */
export function parseCommandLine(body: string): CommandName | undefined {
  const match = COMMAND_LINE.exec(body.split(/\r?\n/, 1)[0] ?? '');
  if (!match) return undefined;
  const word = (match[1] ?? '').toLowerCase();
  return WORDS.has(word) ? (word as CommandName) : 'help';
}

/**
 * A new comment that starts with `/rootguard`: a command job (ids and the author's login). Comments
 * by bots, ours above all, are not commands (an answer must never trigger another).
 */
export function issueCommentToCommandJob(
  deliveryId: string,
  payload: Context<'issue_comment.created'>['payload'],
  identity: AppIdentity,
): CommandJob | { skip: string } {
  if (isOwnSender(payload.sender, identity)) return { skip: "rootguard's own comment" };
  if (payload.sender.type === 'Bot') return { skip: 'a comment by a bot' };
  const command = parseCommandLine(payload.comment.body ?? '');
  if (command === undefined) return { skip: 'not a /rootguard command' };
  const base = jobBase(deliveryId, payload);
  const { number } = payload.issue;
  const commentId = payload.comment.id;
  if (typeof number !== 'number' || typeof commentId !== 'number')
    throw new WebhookInputError('the comment names no issue number or comment id.');
  return {
    deliveryId,
    installationId: base.installationId,
    repo: `${base.owner}/${base.repo}`,
    actor: payload.sender.login,
    command,
    source: { kind: 'issue', issueNumber: number, commentId },
  };
}
