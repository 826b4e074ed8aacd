// Team membership (GET /orgs/{org}/teams/{team_slug}/memberships/{username}), as GitHub answers
// it: 200 with `role` and `state` for a member, 404 for anyone else or a team it does not know.
import { notFound, ok } from './http-reply.js';
import { requirePermission } from './installations.js';
import type { Handler } from './emulator-state.js';

/** The state's key of a team: `org/slug`, lower case. */
export function teamKey(org: string, slug: string): string {
  return `${org}/${slug}`.toLowerCase();
}

/** Routes by operationId. */
export const teamRoutes: Record<string, Handler> = {
  'teams/get-membership-for-user-in-org': (ctx) => {
    const org = ctx.params['org']!;
    const installation = ctx.state.installations.get(ctx.installationId);
    // An installation sees the teams of its own organisation only.
    if (installation?.account.login.toLowerCase() !== org.toLowerCase()) throw notFound();
    requirePermission(ctx.state, ctx.installationId, 'members', 'read');
    const slug = ctx.params['team_slug']!;
    const login = ctx.params['username']!;
    const role = ctx.state.teams.get(teamKey(org, slug))?.get(login.toLowerCase());
    if (role === undefined) throw notFound();
    return ok({
      url: `${ctx.state.urls.api}/organizations/${installation.account.id}/team/${encodeURIComponent(slug)}/memberships/${encodeURIComponent(login)}`,
      role,
      state: 'active',
    });
  },
};
