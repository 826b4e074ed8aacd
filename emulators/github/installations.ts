// App endpoints: installation tokens (App JWT) and installation lookups.
import { isoSeconds, simpleUser, type Obj } from './github-objects.js';
import { GitHubHttpError, notFound, ok } from './http-reply.js';
import { createdAppObject } from './app-manifests.js';
import type { InstallationRecord } from './emulator-records.js';
import type { EmulatorState, Handler, RouteContext } from './emulator-state.js';

/** The permissions every emulated installation grants (what rootguard asks for in app.yml). */
export const INSTALLATION_PERMISSIONS = {
  actions: 'write',
  checks: 'write',
  contents: 'read',
  environments: 'write',
  issues: 'write',
  members: 'read',
  metadata: 'read',
  organization_secrets: 'write',
  pull_requests: 'write',
  secret_scanning_alerts: 'read',
  secrets: 'write',
} as const;

/** A permission level as GitHub names it. */
export type PermissionLevel = 'read' | 'write';

/**
 * Throws GitHub's 403 for an installation token without `name` at `level` (write includes read).
 * App JWT routes (installation 0) are not checked.
 */
export function requirePermission(
  state: EmulatorState,
  installationId: number,
  name: string,
  level: PermissionLevel,
): void {
  if (installationId === 0) return;
  const granted = state.installations.get(installationId)?.permissions[name];
  if (granted === 'write' || granted === level) return;
  throw new GitHubHttpError(403, 'Resource not accessible by integration');
}

/** `installation`. */
export function installationObject(state: EmulatorState, inst: InstallationRecord): Obj {
  return {
    id: inst.id,
    client_id: `Iv1.${state.auth.appId}`,
    account: simpleUser(state.urls, inst.account.login, inst.account.id, inst.account.type),
    repository_selection: 'selected',
    access_tokens_url: `${state.urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${state.urls.api}/installation/repositories`,
    html_url: `${state.urls.html}/settings/installations/${inst.id}`,
    app_id: state.auth.appId,
    app_slug: state.appSlug,
    target_id: inst.account.id,
    target_type: inst.account.type,
    permissions: inst.permissions,
    events: [
      'check_run',
      'check_suite',
      'pull_request',
      'push',
      'secret_scanning_alert',
      'workflow_job',
      'workflow_run',
    ],
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: inst.suspendedAt
      ? simpleUser(state.urls, inst.account.login, inst.account.id, inst.account.type)
      : null,
    suspended_at: inst.suspendedAt ?? null,
  };
}

/** The seeded App's installation; an App created through the manifest flow has none. */
function installation(ctx: RouteContext, id: string | undefined): InstallationRecord {
  const inst = ctx.appId === ctx.state.auth.appId ? ctx.state.installations.get(Number(id)) : undefined;
  if (!inst) throw notFound();
  return inst;
}

/** Routes by operationId (all take the App JWT). */
export const installationRoutes: Record<string, Handler> = {
  'apps/get-authenticated': (ctx) => {
    const created = ctx.state.createdApps.get(ctx.appId);
    if (created) return ok({ ...createdAppObject(ctx.state, created), installations_count: 0 });
    return ok({ ...appObject(ctx.state), installations_count: ctx.state.installations.size });
  },
  'apps/create-installation-access-token': (ctx) => {
    const inst = installation(ctx, ctx.params['installation_id']);
    const { token, expiresAt } = ctx.state.auth.issueToken(inst.id);
    return {
      status: 201,
      body: {
        token,
        expires_at: isoSeconds(expiresAt),
        permissions: inst.permissions,
        repository_selection: 'selected',
      },
    };
  },
  'apps/get-installation': (ctx) =>
    ok(installationObject(ctx.state, installation(ctx, ctx.params['installation_id']))),
  'apps/get-org-installation': (ctx) => {
    const org = ctx.params['org']?.toLowerCase();
    const inst = [...ctx.state.installations.values()].find((i) => i.account.login.toLowerCase() === org);
    if (!inst || ctx.appId !== ctx.state.auth.appId) throw notFound();
    return ok(installationObject(ctx.state, inst));
  },
  'apps/get-repo-installation': (ctx) => {
    const repo = ctx.state.repoFor(ctx);
    return ok(installationObject(ctx.state, installation(ctx, String(repo.installationId))));
  },
};

/** The App as embedded in check runs (`integration`). */
export function appObject(state: EmulatorState): Obj {
  return {
    id: state.auth.appId,
    slug: state.appSlug,
    node_id: `A_${state.auth.appId}`,
    client_id: `Iv1.${state.auth.appId}`,
    owner: simpleUser(state.urls, 'rootguard-dev', 1),
    name: 'rootguard',
    description: 'Finds leaked Unkey root keys',
    external_url: 'https://example.com/rootguard',
    html_url: `${state.urls.html}/apps/${state.appSlug}`,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    permissions: state.app.permissions,
    events: state.app.events,
  };
}
