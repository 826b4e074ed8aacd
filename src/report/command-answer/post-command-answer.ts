import { repoRefOf, type GitHubClient } from '../../github/github-client.js';
import { renderCommandAnswer, type CommandAnswer } from './render-command-answer.js';

/** An issue to comment on: `owner/name` and its number. */
export interface IssueTarget {
  readonly repo: string;
  readonly number: number;
}

/** Posts the answer to `actor`'s command as a new comment on the issue. */
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
