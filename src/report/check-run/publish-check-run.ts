import type { CheckRunOutput } from './check-run-output.js';
import type { GitHubClient, RepoRef } from '../../github/github-client.js';

/** The check run's name on GitHub. */
export const CHECK_RUN_NAME = 'rootguard';

/** GitHub takes at most 50 annotations per check run request. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** What {@link startCheckRun} needs. */
export interface StartCheckRunOptions {
  /** The commit the check run belongs to: the push's or pull request's head. */
  readonly headSha: string;
  /** Our own id for the run (e.g. the delivery id), echoed back by `check_run` events. */
  readonly externalId: string;
  /** A page with the scan's details, when there is one. */
  readonly detailsUrl?: string;
  /** @defaultValue the current time */
  readonly now?: Date;
}

/** Creates the `rootguard` check run, `in_progress`, and returns its id. */
export async function startCheckRun(
  client: GitHubClient,
  repo: RepoRef,
  options: StartCheckRunOptions,
): Promise<number> {
  const { data } = await client.rest.checks.create({
    owner: repo.owner,
    repo: repo.repo,
    name: CHECK_RUN_NAME,
    head_sha: options.headSha,
    external_id: options.externalId,
    status: 'in_progress',
    started_at: (options.now ?? new Date()).toISOString(),
    ...(options.detailsUrl === undefined ? {} : { details_url: options.detailsUrl }),
  });
  return data.id;
}

/** Options of {@link completeCheckRun}. */
export interface CompleteCheckRunOptions {
  /** @defaultValue the current time */
  readonly now?: Date;
}

/**
 * Completes the check run with its conclusion and output. The first request carries the
 * conclusion and the first 50 annotations; each further request adds 50 more (GitHub appends
 * them) and repeats the title and summary, which GitHub requires with every output.
 */
export async function completeCheckRun(
  client: GitHubClient,
  repo: RepoRef,
  checkRunId: number,
  output: CheckRunOutput,
  options: CompleteCheckRunOptions = {},
): Promise<void> {
  const base = {
    title: output.title,
    summary: output.summary,
    ...(output.text === undefined ? {} : { text: output.text }),
  };
  const batches: (typeof output.annotations)[] = [];
  for (let at = 0; at < output.annotations.length; at += ANNOTATIONS_PER_REQUEST) {
    batches.push(output.annotations.slice(at, at + ANNOTATIONS_PER_REQUEST));
  }
  const [first = [], ...rest] = batches;
  await client.rest.checks.update({
    owner: repo.owner,
    repo: repo.repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion: output.conclusion,
    completed_at: (options.now ?? new Date()).toISOString(),
    output: { ...base, ...(first.length > 0 ? { annotations: [...first] } : {}) },
  });
  for (const annotations of rest) {
    await client.rest.checks.update({
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: checkRunId,
      output: { ...base, annotations: [...annotations] },
    });
  }
}
