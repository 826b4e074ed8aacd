// Access to an API: the permission check (before the lookup, so a probe with a random apiId
// answers 403 without the permission and 404 with it) and the lookup.
import { insufficientPermissions } from './authenticate.js';
import { apiPermission, hasPermission } from './permissions.js';
import type { RouteContext } from './route-context.js';
import { ERROR_TYPES, UnkeyHttpError } from './unkey-reply.js';
import type { ApiRecord } from './unkey-state.js';

/** 403 unless the caller may `action` on the API (checked before the API is looked up). */
export function requireApi(ctx: RouteContext, apiId: string, ...actions: string[]): void {
  for (const action of actions) {
    const needed = apiPermission(apiId, action);
    if (!hasPermission(ctx.caller.permissions, needed)) throw insufficientPermissions(needed);
  }
}

/** The API or Unkey's 404. */
export function findApi(ctx: RouteContext, apiId: string): ApiRecord {
  const api = ctx.state.apis.get(apiId);
  if (!api)
    throw new UnkeyHttpError(
      404,
      ERROR_TYPES.apiNotFound,
      'The requested API does not exist or has been deleted.',
    );
  return api;
}
