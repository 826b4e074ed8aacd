import type { CommandJob } from '../../queue/command-job.js';
import type { CommandDependencies } from './command-dependencies.js';
import type { CommandReply } from './run-command.js';

/**
 * Posts each reply that has an issue as a comment (the command's own repository through its
 * installation, another one through `clientFor`), from `from` on; logs the others. Calls
 * `posted(n)` after each comment, so a retried job does not post one twice.
 */
export async function deliverReplies(
  deps: Pick<CommandDependencies, 'auth' | 'clientFor' | 'postAnswer' | 'log'>,
  job: CommandJob,
  replies: readonly CommandReply[],
  from: number,
  posted: (count: number) => Promise<void>,
): Promise<void> {
  for (let i = from; i < replies.length; i++) {
    const { answer, issue, incidentId } = replies[i]!;
    const fields = {
      repo: job.repo,
      command: job.command,
      actor: job.actor,
      incident: incidentId,
      answer: answer.kind,
    };
    if (!issue) {
      deps.log.info(fields, 'command answered without a comment (no incident issue to post on)');
      continue;
    }
    const client =
      issue.repo === job.repo ? await deps.auth(job.installationId) : await deps.clientFor(issue.repo);
    await deps.postAnswer(client, issue, job.actor, answer);
    await posted(i + 1);
    deps.log.info({ ...fields, issue: `${issue.repo}#${issue.number}` }, 'command answered');
  }
}
