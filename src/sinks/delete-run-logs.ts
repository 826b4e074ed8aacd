import type { GitHubClient } from '../github/github-client.js';
import { splitRepo } from './deploy-target.js';
import { SinkError } from './errors.js';
import { isRateLimit, rateLimitWaitMs, statusOf } from '../github/github-answer.js';

/**
 * Deletes a workflow run's logs (the purge step). A run or logs that are already gone (404, 410)
 * are `already-gone`, so a retried purge is idempotent. 403 throws `SinkError('permission-missing')`
 * (the App needs `actions: write`: the caller records a manual step); 5xx and network failures
 * throw `SinkError('github-unavailable')` for the queue to retry.
 */
export async function deleteRunLogs(
  client: GitHubClient,
  repo: string,
  runId: number,
): Promise<'deleted' | 'already-gone'> {
  try {
    await client.rest.actions.deleteWorkflowRunLogs({ ...splitRepo(repo), run_id: runId });
    return 'deleted';
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 410) return 'already-gone';
    if (status === 403 && !isRateLimit(error))
      throw new SinkError(
        'permission-missing',
        `deleting the logs of run ${runId} in ${repo} was refused (403): the App needs "actions: write"`,
        status,
      );
    if (status === undefined || status >= 500 || isRateLimit(error))
      throw new SinkError(
        'github-unavailable',
        `deleting the logs of run ${runId} in ${repo} failed: ${status === undefined ? 'no answer from GitHub' : `GitHub answered ${status}`}`,
        status,
        rateLimitWaitMs(error),
      );
    throw new SinkError(
      'unexpected-answer',
      `deleting the logs of run ${runId} in ${repo}: GitHub answered ${status}`,
      status,
    );
  }
}
