// apis.getApi (the liveness probe's target) and apis.listKeys.
import { findApi, requireApi } from './api-access.js';
import { apiKeyData } from './api-key-data.js';
import { paginate } from './paginate.js';
import type { Handler } from './route-context.js';
import { ok } from './unkey-reply.js';

export const apiRoutes: Record<string, Handler> = {
  'apis.getApi': (ctx) => {
    const apiId = String(ctx.body.apiId);
    requireApi(ctx, apiId, 'read_api');
    const api = findApi(ctx, apiId);
    return ok({ id: api.apiId, name: api.name });
  },

  'apis.listKeys': (ctx) => {
    const apiId = String(ctx.body.apiId);
    requireApi(ctx, apiId, 'read_api', 'read_key');
    findApi(ctx, apiId);
    const keys = [...ctx.state.apiKeys.values()]
      .filter((k) => k.apiId === apiId && !k.deleted)
      .sort((a, b) => (a.keyId < b.keyId ? -1 : 1));
    const { page, pagination } = paginate(keys, (k) => k.keyId, ctx.body.cursor, ctx.body.limit ?? 100);
    return ok(page.map(apiKeyData), pagination);
  },
};
