// Repository endpoints: the repo, contents, compare, one commit, blobs.
import { EMPTY_TREE } from './git-repo.js';
import { diffFiles } from './git-diff.js';
import { commitObject, diffEntry } from './commit-objects.js';
import { fullRepository } from './github-objects.js';
import { notFound, ok, GitHubHttpError } from './http-reply.js';
import { paginate } from './paginate.js';
import type { Handler, RouteContext } from './emulator-state.js';

/** Compare lists at most this many commits (GitHub: 250) and counts the rest in `total_commits`. */
export const MAX_COMPARE_COMMITS = 250;
/** Compare and single-commit responses list at most this many files per response (GitHub: 300). */
export const MAX_FILES_PER_RESPONSE = 300;
/** A single commit's files are paged up to this many in all (GitHub: 3000). */
export const MAX_COMMIT_FILES = 3000;

async function resolveRef(ctx: RouteContext, ref: string): Promise<string> {
  const repo = ctx.state.repoFor(ctx);
  const sha = (await repo.git.resolve(`refs/heads/${ref}`)) ?? (await repo.git.resolve(ref));
  if (!sha) throw new GitHubHttpError(404, `No commit found for SHA: ${ref}`);
  return sha;
}

/** `resolveRef` for the commit routes, which answer a repository without a single commit 409. */
async function resolveCommitRef(ctx: RouteContext, ref: string): Promise<string> {
  try {
    return await resolveRef(ctx, ref);
  } catch (error) {
    const repo = ctx.state.repoFor(ctx);
    if ((await repo.git.git(['for-each-ref', '--count=1', 'refs/heads'])).trim() === '')
      throw new GitHubHttpError(409, 'Git Repository is empty.');
    throw error;
  }
}

const getRepo: Handler = (ctx) => ok(fullRepository(ctx.state.urls, ctx.state.repoFor(ctx).facts));

const getContent: Handler = async (ctx) => {
  const repo = ctx.state.repoFor(ctx);
  const ref = ctx.query.get('ref') ?? repo.facts.defaultBranch;
  const commit = await repo.git.resolve(`refs/heads/${ref}`).then((s) => s ?? repo.git.resolve(ref));
  const path = ctx.params['path']!;
  const sha = commit ? await repo.git.blobAt(commit, path) : undefined;
  const bytes = sha ? await repo.git.blob(sha) : undefined;
  if (!sha || !bytes) throw notFound();
  // The raw media type (what Probot's config loader asks for) answers the bytes themselves.
  if (/application\/vnd\.github(\.v3)?\.raw/.test(ctx.accept)) {
    return { status: 200, raw: bytes, contentType: 'application/vnd.github.raw; charset=utf-8' };
  }
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const url = `${ctx.state.urls.api}/repos/${full}/contents/${path}?ref=${ref}`;
  const html = `${ctx.state.urls.html}/${full}/blob/${ref}/${path}`;
  const git = `${ctx.state.urls.api}/repos/${full}/git/blobs/${sha}`;
  return ok({
    type: 'file',
    encoding: 'base64',
    size: bytes.length,
    name: path.split('/').pop(),
    path,
    content: (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n'),
    sha,
    url,
    git_url: git,
    html_url: html,
    download_url: `${ctx.state.urls.html}/${full}/raw/${ref}/${path}`,
    _links: { self: url, git, html },
  });
};

const compare: Handler = async (ctx) => {
  const repo = ctx.state.repoFor(ctx);
  // The description's template may be `{basehead}` or `{base}...{head}`.
  const m = /^(.+?)\.\.\.(.+)$/.exec(
    ctx.params['basehead'] ?? `${ctx.params['base']}...${ctx.params['head']}`,
  );
  if (!m) throw notFound();
  const basehead = `${m[1]}...${m[2]}`;
  const base = await resolveRef(ctx, m[1]!);
  const head = await resolveRef(ctx, m[2]!);
  const mergeBase = (await repo.git.git(['merge-base', base, head]).catch(() => '')).trim();
  if (!mergeBase) throw notFound();
  const ahead = await repo.git.log(['--reverse', `${base}..${head}`]);
  const behindBy = Number((await repo.git.git(['rev-list', '--count', `${head}..${base}`])).trim());
  const paged = ctx.query.has('page') || ctx.query.has('per_page');
  const listed = paged
    ? paginate(ahead, ctx.query, ctx.url, { defaultPerPage: MAX_COMPARE_COMMITS, maxPerPage: 100 })
    : { page: ahead.slice(0, MAX_COMPARE_COMMITS), headers: {} };
  const files = (await diffFiles(repo.git, mergeBase, head)).slice(0, MAX_FILES_PER_RESPONSE);
  const [baseInfo] = await repo.git.log(['--no-walk', base]);
  const [mergeBaseInfo] = await repo.git.log(['--no-walk', mergeBase]);
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const status =
    ahead.length === 0 ? (behindBy === 0 ? 'identical' : 'behind') : behindBy === 0 ? 'ahead' : 'diverged';
  return ok(
    {
      url: `${ctx.state.urls.api}/repos/${full}/compare/${basehead}`,
      html_url: `${ctx.state.urls.html}/${full}/compare/${basehead}`,
      permalink_url: `${ctx.state.urls.html}/${full}/compare/${base}...${head}`,
      diff_url: `${ctx.state.urls.html}/${full}/compare/${basehead}.diff`,
      patch_url: `${ctx.state.urls.html}/${full}/compare/${basehead}.patch`,
      base_commit: commitObject(ctx.state, repo, baseInfo!),
      merge_base_commit: commitObject(ctx.state, repo, mergeBaseInfo!),
      status,
      ahead_by: ahead.length,
      behind_by: behindBy,
      total_commits: ahead.length,
      commits: listed.page.map((info) => commitObject(ctx.state, repo, info)),
      files: files.map((file) => diffEntry(ctx.state, repo, file, head)),
    },
    listed.headers,
  );
};

const getCommit: Handler = async (ctx) => {
  const repo = ctx.state.repoFor(ctx);
  const sha = await resolveCommitRef(ctx, ctx.params['ref']!);
  const [info] = await repo.git.log(['--no-walk', sha]);
  const all = await diffFiles(repo.git, info!.parents[0] ?? EMPTY_TREE, sha);
  const { page, headers } = paginate(all, ctx.query, ctx.url, {
    defaultPerPage: MAX_FILES_PER_RESPONSE,
    maxPerPage: MAX_FILES_PER_RESPONSE,
    maxItems: MAX_COMMIT_FILES,
  });
  const files = page.map((file) => diffEntry(ctx.state, repo, file, sha));
  return ok(commitObject(ctx.state, repo, info!, files), headers);
};

/** `GET /repos/{owner}/{repo}/commits`: history from `sha` (default branch), newest first, paginated. */
const listCommits: Handler = async (ctx) => {
  const repo = ctx.state.repoFor(ctx);
  const sha = await resolveCommitRef(ctx, ctx.query.get('sha') ?? repo.facts.defaultBranch);
  const infos = await repo.git.log([sha]);
  const { page, headers } = paginate(infos, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
  return ok(
    page.map((info) => commitObject(ctx.state, repo, info)),
    headers,
  );
};

const getBlob: Handler = async (ctx) => {
  const repo = ctx.state.repoFor(ctx);
  const sha = ctx.params['file_sha']!;
  if (!/^[0-9a-f]{40}$/.test(sha)) throw notFound();
  const type = (await repo.git.git(['cat-file', '-t', sha]).catch(() => '')).trim();
  const bytes = type === 'blob' ? await repo.git.blob(sha) : undefined;
  if (!bytes) throw notFound();
  // GitHub answers the bytes themselves for the raw media type (documented for this endpoint).
  if (/application\/vnd\.github(\.v3)?\.raw/.test(ctx.accept))
    return { status: 200, raw: bytes, contentType: 'application/vnd.github.raw' };
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  return ok({
    sha,
    node_id: Buffer.from(`B:${sha}`).toString('base64'),
    size: bytes.length,
    url: `${ctx.state.urls.api}/repos/${full}/git/blobs/${sha}`,
    content: bytes.toString('base64'),
    encoding: 'base64',
  });
};

/** Routes by operationId. */
export const repoRoutes: Record<string, Handler> = {
  'repos/get': getRepo,
  'repos/get-content': getContent,
  'repos/compare-commits': compare,
  'repos/get-commit': getCommit,
  'repos/list-commits': listCommits,
  'git/get-blob': getBlob,
};
