// Workflow runs and jobs, and log downloads that redirect (302) to short-lived links.
import { isoSeconds, minimalRepository, nodeId, type Obj } from './github-objects.js';
import { GitHubHttpError, notFound, ok, type Reply } from './http-reply.js';
import { requirePermission } from './installations.js';
import { paginate } from './paginate.js';
import { writeZip, type ZipEntry } from './zip-writer.js';
import type { JobRecord, RepoRecord, WorkflowRunInput, WorkflowRunRecord } from './emulator-records.js';
import type { EmulatorState, Handler, RouteContext } from './emulator-state.js';

/** Seeds a completed workflow run and its jobs. */
export function addWorkflowRun(state: EmulatorState, fullName: string, input: WorkflowRunInput): void {
  const repo = state.repo(fullName);
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const at = isoSeconds(state.now());
  state.runs.set(input.runId, {
    repo: full,
    runId: input.runId,
    headSha: input.headSha,
    headBranch: input.headBranch ?? repo.facts.defaultBranch,
    name: input.name ?? 'CI',
    event: input.event ?? 'push',
    runAttempt: input.runAttempt ?? 1,
    jobIds: input.jobs.map((j) => j.id),
    createdAt: at,
  });
  for (const job of input.jobs) {
    state.jobs.set(job.id, {
      id: job.id,
      runId: input.runId,
      repo: full,
      name: job.name,
      conclusion: job.conclusion === undefined ? 'success' : job.conclusion,
      steps: (job.steps ?? []).map((s, i) => ({
        number: i + 1,
        name: s.name,
        status: s.status ?? 'completed',
        conclusion: s.conclusion === undefined ? 'success' : s.conclusion,
        log: s.log ?? '',
        startedAt: s.startedAt ?? at,
        completedAt: s.completedAt ?? at,
      })),
      log: typeof job.log === 'string' ? Buffer.from(job.log, 'utf8') : job.log,
      startedAt: at,
      completedAt: at,
    });
  }
}

/**
 * A run-log archive laid out like GitHub's: `<n>_<job>.txt` with each job's whole log, and
 * `<job>/<step number>_<step name>.txt` per step.
 */
export function buildRunLogArchive(state: EmulatorState, runId: number): Buffer {
  const run = state.runs.get(runId);
  if (!run) throw new Error(`emulator: no workflow run ${runId}`);
  const entries: ZipEntry[] = [];
  run.jobIds.forEach((id, index) => {
    const job = state.jobs.get(id)!;
    entries.push({ name: `${index}_${job.name}.txt`, data: job.log });
    for (const step of job.steps)
      entries.push({ name: `${job.name}/${step.number}_${step.name}.txt`, data: step.log });
  });
  return writeZip(entries);
}

export function runObject(state: EmulatorState, repo: RepoRecord, run: WorkflowRunRecord): Obj {
  const api = `${state.urls.api}/repos/${run.repo}/actions/runs/${run.runId}`;
  const when = run.createdAt;
  return {
    id: run.runId,
    name: run.name,
    node_id: nodeId('WFR', run.runId),
    check_suite_id: run.runId + 1,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: '.github/workflows/ci.yml',
    display_title: run.name,
    run_number: run.runId % 1000,
    run_attempt: run.runAttempt,
    event: run.event,
    status: 'completed',
    conclusion: 'success',
    workflow_id: 1,
    url: api,
    html_url: `${state.urls.html}/${run.repo}/actions/runs/${run.runId}`,
    pull_requests: [],
    created_at: when,
    updated_at: when,
    run_started_at: when,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${state.urls.api}/repos/${run.repo}/check-suites/${run.runId + 1}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${state.urls.api}/repos/${run.repo}/actions/workflows/1`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha,
      message: run.name,
      timestamp: when,
      author: { name: 'Emulator', email: 'emulator@example.com' },
      committer: { name: 'Emulator', email: 'emulator@example.com' },
    },
    repository: minimalRepository(state.urls, repo.facts),
    head_repository: minimalRepository(state.urls, repo.facts),
  };
}

export function jobObject(state: EmulatorState, job: JobRecord): Obj {
  const run = state.runs.get(job.runId)!;
  return {
    id: job.id,
    run_id: job.runId,
    run_url: `${state.urls.api}/repos/${job.repo}/actions/runs/${job.runId}`,
    run_attempt: run.runAttempt,
    node_id: nodeId('CR', job.id),
    head_sha: run.headSha,
    head_branch: run.headBranch,
    workflow_name: run.name,
    url: `${state.urls.api}/repos/${job.repo}/actions/jobs/${job.id}`,
    html_url: `${state.urls.html}/${job.repo}/actions/runs/${job.runId}/job/${job.id}`,
    status: 'completed',
    conclusion: job.conclusion,
    created_at: job.startedAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: job.steps.map((s) => ({
      name: s.name,
      status: s.status,
      conclusion: s.conclusion,
      number: s.number,
      started_at: s.startedAt,
      completed_at: s.completedAt,
    })),
    check_run_url: `${state.urls.api}/repos/${job.repo}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 1,
    runner_group_name: 'GitHub Actions',
  };
}

function findRun(ctx: RouteContext): { repo: RepoRecord; run: WorkflowRunRecord } {
  const repo = ctx.state.repoFor(ctx);
  const run = ctx.state.runs.get(Number(ctx.params['run_id']));
  if (!run || run.repo !== `${repo.facts.owner}/${repo.facts.name}`) throw notFound();
  return { repo, run };
}

function findJob(ctx: RouteContext): JobRecord {
  const repo = ctx.state.repoFor(ctx);
  const job = ctx.state.jobs.get(Number(ctx.params['job_id']));
  if (!job || job.repo !== `${repo.facts.owner}/${repo.facts.name}`) throw notFound();
  return job;
}

/** GitHub answers 410 Gone for the logs of a run once they are deleted. */
function logsGone(state: EmulatorState, runId: number): boolean {
  return state.deletedRunLogs.some((d) => d.runId === runId);
}

function gone(): GitHubHttpError {
  return new GitHubHttpError(410, 'Gone');
}

function redirect(ctx: RouteContext, bytes: Buffer, contentType: string): Reply {
  const path = ctx.state.downloads.create(bytes, contentType, ctx.expireDownload);
  return { status: 302, headers: { location: `${ctx.state.urls.api}${path}` } };
}

/** Routes by operationId. */
export const actionRoutes: Record<string, Handler> = {
  'actions/get-workflow-run': (ctx) => {
    const { repo, run } = findRun(ctx);
    return ok(runObject(ctx.state, repo, run));
  },
  'actions/list-jobs-for-workflow-run': (ctx) => {
    const { run } = findRun(ctx);
    const jobs = run.jobIds.map((id) => ctx.state.jobs.get(id)!);
    const { page, headers } = paginate(jobs, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok({ total_count: jobs.length, jobs: page.map((j) => jobObject(ctx.state, j)) }, headers);
  },
  'actions/get-job-for-workflow-run': (ctx) => ok(jobObject(ctx.state, findJob(ctx))),
  'actions/download-job-logs-for-workflow-run': (ctx) => {
    const job = findJob(ctx);
    if (logsGone(ctx.state, job.runId)) throw gone();
    return redirect(ctx, job.log, 'text/plain');
  },
  'actions/download-workflow-run-logs': (ctx) => {
    const { run } = findRun(ctx);
    if (logsGone(ctx.state, run.runId)) throw gone();
    const archive = ctx.state.runLogArchives.get(run.runId) ?? buildRunLogArchive(ctx.state, run.runId);
    return redirect(ctx, archive, 'application/zip');
  },
  'actions/delete-workflow-run-logs': (ctx) => {
    const { run } = findRun(ctx);
    requirePermission(ctx.state, ctx.installationId, 'actions', 'write');
    // Deleting logs that are already gone: nothing left to delete, so Not Found.
    if (logsGone(ctx.state, run.runId)) throw notFound();
    ctx.state.deletedRunLogs.push({ repo: run.repo, runId: run.runId, at: isoSeconds(ctx.state.now()) });
    return { status: 204 };
  },
};
