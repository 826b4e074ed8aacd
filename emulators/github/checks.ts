// Check runs with annotations that accumulate across PATCHes, as on GitHub.
import { isoSeconds, nodeId, type Obj } from './github-objects.js';
import { appObject } from './installations.js';
import { notFound, ok, unprocessable } from './http-reply.js';
import { paginate } from './paginate.js';
import type { AnnotationRecord, CheckRunAction, CheckRunRecord, RepoRecord } from './emulator-records.js';
import type { EmulatorState, Handler, RouteContext } from './emulator-state.js';

/** GitHub accepts at most 50 annotations per create/update request. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

/** GitHub accepts at most 3 requested actions on a check run... */
export const MAX_CHECK_RUN_ACTIONS = 3;
/** ...each with a label of at most 20 characters, */
export const MAX_ACTION_LABEL = 20;
/** a description of at most 40, */
export const MAX_ACTION_DESCRIPTION = 40;
/** and an identifier of at most 20. */
export const MAX_ACTION_IDENTIFIER = 20;

export function checkRunObject(state: EmulatorState, run: CheckRunRecord): Obj {
  const api = `${state.urls.api}/repos/${run.repo}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: nodeId('CR', run.id),
    head_sha: run.headSha,
    external_id: run.externalId ?? '',
    url: api,
    html_url: `${state.urls.html}/${run.repo}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${state.urls.html}/${run.repo}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      ...run.output,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.checkSuiteId },
    app: appObject(state),
    pull_requests: [],
  };
}

/** The problems GitHub reports for an `actions` array (its description has the same limits). */
function actionProblems(actions: unknown[]): string[] {
  const problems: string[] = [];
  if (actions.length > MAX_CHECK_RUN_ACTIONS)
    problems.push(`Only ${MAX_CHECK_RUN_ACTIONS} actions are allowed per check run`);
  const limits = [
    ['label', MAX_ACTION_LABEL],
    ['description', MAX_ACTION_DESCRIPTION],
    ['identifier', MAX_ACTION_IDENTIFIER],
  ] as const;
  actions.forEach((action, i) => {
    for (const [field, max] of limits) {
      const value = (action as Record<string, unknown>)[field];
      if (typeof value !== 'string') problems.push(`actions[${i}].${field} is missing`);
      else if (value.length > max)
        problems.push(`actions[${i}].${field} is too long (maximum is ${max} characters)`);
    }
  });
  return problems;
}

function applyInput(state: EmulatorState, run: CheckRunRecord, body: Record<string, unknown>): void {
  const output = body['output'] as
    { title?: string; summary?: string; text?: string; annotations?: Obj[] } | undefined;
  const annotations = output?.annotations ?? [];
  if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST) {
    throw unprocessable('Invalid request.', [
      `Only ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request`,
    ]);
  }
  if (Array.isArray(body['actions'])) {
    const problems = actionProblems(body['actions']);
    if (problems.length > 0) throw unprocessable('Invalid request.', problems);
    run.actions = (body['actions'] as CheckRunAction[]).map((a) => ({
      label: a.label,
      description: a.description,
      identifier: a.identifier,
    }));
  }
  if (typeof body['name'] === 'string') run.name = body['name'];
  if (typeof body['details_url'] === 'string') run.detailsUrl = body['details_url'];
  if (typeof body['external_id'] === 'string') run.externalId = body['external_id'];
  if (typeof body['started_at'] === 'string') run.startedAt = body['started_at'];
  if (typeof body['status'] === 'string') run.status = body['status'];
  if (typeof body['conclusion'] === 'string') {
    run.conclusion = body['conclusion'];
    run.status = 'completed';
  }
  if (run.status === 'completed') {
    if (run.conclusion === null)
      throw unprocessable('Invalid request.', ['conclusion is required when status is completed']);
    run.completedAt =
      typeof body['completed_at'] === 'string'
        ? body['completed_at']
        : (run.completedAt ?? isoSeconds(state.now()));
  }
  if (output) {
    run.output = {
      title: output.title ?? run.output.title,
      summary: output.summary ?? run.output.summary,
      text: output.text ?? run.output.text,
    };
    for (const a of annotations) {
      run.annotations.push({
        path: String(a['path']),
        start_line: Number(a['start_line']),
        end_line: Number(a['end_line']),
        start_column: (a['start_column'] as number | undefined) ?? null,
        end_column: (a['end_column'] as number | undefined) ?? null,
        annotation_level: a['annotation_level'] as AnnotationRecord['annotation_level'],
        message: String(a['message']),
        title: (a['title'] as string | undefined) ?? null,
        raw_details: (a['raw_details'] as string | undefined) ?? null,
      });
    }
  }
}

function findRun(ctx: RouteContext, repo: RepoRecord): CheckRunRecord {
  const run = ctx.state.checkRuns.find(
    (r) => r.id === Number(ctx.params['check_run_id']) && r.repo === fullName(repo),
  );
  if (!run) throw notFound();
  return run;
}

function fullName(repo: RepoRecord): string {
  return `${repo.facts.owner}/${repo.facts.name}`;
}

/** Routes by operationId. */
export const checkRoutes: Record<string, Handler> = {
  'checks/create': async (ctx) => {
    const repo = ctx.state.repoFor(ctx);
    const headSha = String(ctx.body['head_sha']);
    if (!(await repo.git.resolve(headSha)) || !/^[0-9a-f]{40}$/.test(headSha)) {
      throw unprocessable('No commit found for SHA: ' + headSha);
    }
    const run: CheckRunRecord = {
      id: ctx.state.nextId(),
      repo: fullName(repo),
      name: String(ctx.body['name']),
      headSha,
      status: 'queued',
      conclusion: null,
      startedAt: isoSeconds(ctx.state.now()),
      completedAt: null,
      externalId: null,
      detailsUrl: null,
      checkSuiteId: ctx.state.nextId(),
      output: { title: null, summary: null, text: null },
      annotations: [],
      actions: [],
    };
    applyInput(ctx.state, run, ctx.body);
    ctx.state.checkRuns.push(run);
    return { status: 201, body: checkRunObject(ctx.state, run) };
  },
  'checks/update': (ctx) => {
    const run = findRun(ctx, ctx.state.repoFor(ctx));
    const draft: CheckRunRecord = { ...run, annotations: [...run.annotations], actions: [...run.actions] };
    applyInput(ctx.state, draft, ctx.body);
    Object.assign(run, draft);
    return ok(checkRunObject(ctx.state, run));
  },
  'checks/get': (ctx) => ok(checkRunObject(ctx.state, findRun(ctx, ctx.state.repoFor(ctx)))),
  'checks/list-for-ref': async (ctx) => {
    const repo = ctx.state.repoFor(ctx);
    const ref = ctx.params['ref']!;
    const sha = (await repo.git.resolve(`refs/heads/${ref}`)) ?? (await repo.git.resolve(ref));
    if (!sha) throw notFound();
    const name = ctx.query.get('check_name');
    const all = ctx.state.checkRuns
      .filter((r) => r.repo === fullName(repo) && r.headSha === sha && (name === null || r.name === name))
      .reverse();
    const { page, headers } = paginate(all, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok(
      { total_count: all.length, check_runs: page.map((r) => checkRunObject(ctx.state, r)) },
      headers,
    );
  },
  'checks/list-annotations': (ctx) => {
    const run = findRun(ctx, ctx.state.repoFor(ctx));
    const { page, headers } = paginate(run.annotations, ctx.query, ctx.url, {
      defaultPerPage: 30,
      maxPerPage: 100,
    });
    const blobHref = `${ctx.state.urls.html}/${run.repo}/blob/${run.headSha}`;
    return ok(
      page.map((a) => ({ ...a, blob_href: `${blobHref}/${a.path}` })),
      headers,
    );
  },
};
