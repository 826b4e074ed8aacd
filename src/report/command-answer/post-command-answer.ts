import { repoRefOf, type GitHubClient } from '../../github/github-client.js';
import type { CommandAnswer, IssueTarget } from '../../playbook/commands/command-answer.js';
import { renderCommandAnswer } from './render-command-answer.js';

/** Posts the answer to `actor`'s command as a new comment on the issue (the command worker's `postAnswer`). */
export async function postCommandAnswer(
  client: GitHubClient,
  issue: IssueTarget,
  actor: string,
  answer: CommandAnswer,
): Promise<void> {
  await client.rest.issues.createComment({
    ...repoRefOf(issue.repo),
    issue_number: issue.number,
    body: renderCommandAnswer(actor, answer),
  });
}
