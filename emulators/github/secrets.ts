// Actions secrets endpoints: public keys, secret lists and PUTs for repository, environment and
// organisation scopes, with the installation permission each needs (403 without it, as GitHub).
import { isoSeconds, minimalRepository, type Obj } from './github-objects.js';
import { GitHubHttpError, notFound, ok, type Reply } from './http-reply.js';
import { requirePermission, type PermissionLevel } from './installations.js';
import { paginate } from './paginate.js';
import type { SecretRecord, SecretScope } from './secret-store.js';
import type { EmulatorState, Handler, RouteContext } from './emulator-state.js';

/** The repository scope of the request (404 when the installation cannot see the repository). */
function repoScope(ctx: RouteContext, level: PermissionLevel): SecretScope {
  const repo = ctx.state.repoFor(ctx);
  requirePermission(ctx.state, ctx.installationId, 'secrets', level);
  return { scope: 'repo', repo: `${repo.facts.owner}/${repo.facts.name}` };
}

/** The environment scope of the request (404 for an environment the repository does not have). */
function environmentScope(ctx: RouteContext, level: PermissionLevel): SecretScope {
  const repo = ctx.state.repoFor(ctx);
  requirePermission(ctx.state, ctx.installationId, 'environments', level);
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const environment = ctx.params['environment_name']!;
  if (!ctx.state.secrets.hasEnvironment(full, environment)) throw notFound();
  return { scope: 'environment', repo: full, environment };
}

/** The organisation scope: only the organisation the calling installation is installed on. */
function orgScope(ctx: RouteContext, level: PermissionLevel): SecretScope {
  const inst = ctx.state.installations.get(ctx.installationId);
  const org = ctx.params['org'] ?? '';
  if (!inst || inst.account.type !== 'Organization' || inst.account.login.toLowerCase() !== org.toLowerCase())
    throw notFound();
  requirePermission(ctx.state, ctx.installationId, 'organization_secrets', level);
  return { scope: 'org', org: inst.account.login };
}

function publicKey(ctx: RouteContext, scope: SecretScope): Reply {
  const { keyId, key } = ctx.state.secrets.publicKey(scope);
  return ok({ key_id: keyId, key });
}

function listSecrets(ctx: RouteContext, scope: SecretScope): Reply {
  const secrets = ctx.state.secrets.list(scope);
  const { page, headers } = paginate(secrets, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
  return ok(
    {
      total_count: secrets.length,
      secrets: page.map((s) => ({ name: s.name, created_at: s.createdAt, updated_at: s.updatedAt })),
    },
    headers,
  );
}

/** GitHub answers 201 `{}` for a new secret and 204 for an update. */
function putSecret(ctx: RouteContext, scope: SecretScope, org: Partial<SecretRecord> = {}): Reply {
  const outcome = ctx.state.secrets.put(scope, {
    name: ctx.params['secret_name']!,
    encryptedValue: ctx.body.encrypted_value,
    keyId: ctx.body.key_id,
    at: isoSeconds(ctx.state.now()),
    ...org,
  });
  return outcome === 'created' ? { status: 201, body: {} } : { status: 204 };
}

function orgSecret(ctx: RouteContext): { scope: SecretScope; secret: SecretRecord } {
  const scope = orgScope(ctx, 'read');
  const secret = ctx.state.secrets.get(scope, ctx.params['secret_name']!);
  if (!secret) throw notFound();
  return { scope, secret };
}

function orgSecretObject(ctx: RouteContext, secret: SecretRecord): Obj {
  return {
    name: secret.name,
    created_at: secret.createdAt,
    updated_at: secret.updatedAt,
    visibility: secret.visibility ?? 'private',
    ...(secret.visibility === 'selected'
      ? {
          selected_repositories_url: `${ctx.state.urls.api}/orgs/${ctx.params['org']}/actions/secrets/${secret.name}/repositories`,
        }
      : {}),
  };
}

function selectedRepositories(state: EmulatorState, ids: readonly number[]): Obj[] {
  const byId = new Map([...state.repos.values()].map((r) => [r.facts.id, r.facts]));
  return ids.flatMap((id) => {
    const facts = byId.get(id);
    return facts ? [minimalRepository(state.urls, facts)] : [];
  });
}

/** Routes by operationId. */
export const secretRoutes: Record<string, Handler> = {
  'actions/get-repo-public-key': (ctx) => publicKey(ctx, repoScope(ctx, 'read')),
  'actions/list-repo-secrets': (ctx) => listSecrets(ctx, repoScope(ctx, 'read')),
  'actions/create-or-update-repo-secret': (ctx) => putSecret(ctx, repoScope(ctx, 'write')),
  'actions/get-environment-public-key': (ctx) => publicKey(ctx, environmentScope(ctx, 'read')),
  'actions/list-environment-secrets': (ctx) => listSecrets(ctx, environmentScope(ctx, 'read')),
  'actions/create-or-update-environment-secret': (ctx) => putSecret(ctx, environmentScope(ctx, 'write')),
  'actions/get-org-public-key': (ctx) => publicKey(ctx, orgScope(ctx, 'read')),
  'actions/get-org-secret': (ctx) => ok(orgSecretObject(ctx, orgSecret(ctx).secret)),
  'actions/list-selected-repos-for-org-secret': (ctx) => {
    const { secret } = orgSecret(ctx);
    if (secret.visibility !== 'selected')
      throw new GitHubHttpError(409, 'The visibility of the secret is not set to selected');
    const repos = selectedRepositories(ctx.state, secret.selectedRepositoryIds ?? []);
    const { page, headers } = paginate(repos, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok({ total_count: repos.length, repositories: page }, headers);
  },
  'actions/create-or-update-org-secret': (ctx) =>
    putSecret(ctx, orgScope(ctx, 'write'), {
      visibility: ctx.body.visibility,
      selectedRepositoryIds: ctx.body.selected_repository_ids,
    }),
};
