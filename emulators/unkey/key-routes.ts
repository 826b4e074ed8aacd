// keys.getKey, keys.updateKey, keys.rerollKey and keys.createKey for the customer's API keys.
import { findApi, requireApi } from './api-access.js';
import { apiKeyData } from './api-key-data.js';
import type { Handler, RouteContext } from './route-context.js';
import { ERROR_TYPES, ok, UnkeyHttpError } from './unkey-reply.js';
import type { ApiKeyRecord } from './unkey-state.js';

function findKey(ctx: RouteContext, keyId: string): ApiKeyRecord {
  const key = ctx.state.apiKeys.get(keyId);
  if (!key || key.deleted)
    throw new UnkeyHttpError(404, ERROR_TYPES.keyNotFound, 'The specified key was not found.');
  return key;
}

function keyResources(key: ApiKeyRecord): { type: string; id: string; name?: string }[] {
  return [
    { type: 'key', id: key.keyId, ...(key.name ? { name: key.name } : {}) },
    { type: 'api', id: key.apiId },
  ];
}

export const keyRoutes: Record<string, Handler> = {
  'keys.getKey': (ctx) => {
    const key = findKey(ctx, String(ctx.body.keyId));
    requireApi(ctx, key.apiId, 'read_key');
    return ok(apiKeyData(key));
  },

  'keys.updateKey': (ctx) => {
    const key = findKey(ctx, String(ctx.body.keyId));
    requireApi(ctx, key.apiId, 'update_key');
    const body = ctx.body as Record<string, unknown>;
    // `null` removes a field, a value replaces it (meta is replaced whole, not merged).
    if ('name' in body) {
      if (body['name'] === null) delete key.name;
      else key.name = String(body['name']);
    }
    if ('meta' in body) {
      if (body['meta'] === null) delete key.meta;
      else key.meta = body['meta'] as Record<string, unknown>;
    }
    if ('expires' in body) {
      if (body['expires'] === null) delete key.expires;
      else key.expires = Number(body['expires']);
    }
    if (typeof body['enabled'] === 'boolean') key.enabled = body['enabled'];
    key.updatedAt = ctx.state.now();
    ctx.state.record(ctx.caller.keyId, 'key.update', `Updated key ${key.keyId}`, keyResources(key));
    return ok({});
  },

  'keys.rerollKey': (ctx) => {
    const old = findKey(ctx, String(ctx.body.keyId));
    requireApi(ctx, old.apiId, 'create_key');
    const { record, key } = ctx.state.issueApiKey(old.apiId, {
      ...(old.name !== undefined ? { name: old.name } : {}),
      ...(old.meta !== undefined ? { meta: structuredClone(old.meta) } : {}),
      ...(old.prefix !== undefined ? { prefix: old.prefix } : {}),
      ...(old.expires !== undefined ? { expires: old.expires } : {}),
      recoverable: old.recoverable,
      enabled: old.enabled,
    });
    // The old key stays valid for `expiration` ms (0: it expires now); never extended.
    const until = ctx.state.now() + Number(ctx.body.expiration);
    old.expires = old.expires === undefined ? until : Math.min(old.expires, until);
    old.updatedAt = ctx.state.now();
    ctx.state.record(ctx.caller.keyId, 'key.reroll', `Rerolled key ${old.keyId} to ${record.keyId}`, [
      ...keyResources(old),
      { type: 'key', id: record.keyId },
    ]);
    return ok({ keyId: record.keyId, key });
  },

  'keys.createKey': (ctx) => {
    const apiId = String(ctx.body.apiId);
    requireApi(ctx, apiId, 'create_key');
    findApi(ctx, apiId);
    const body = ctx.body as Record<string, unknown>;
    const { record, key } = ctx.state.issueApiKey(apiId, {
      ...(typeof body['name'] === 'string' ? { name: body['name'] } : {}),
      ...(body['meta'] ? { meta: body['meta'] as Record<string, unknown> } : {}),
      ...(typeof body['prefix'] === 'string' ? { prefix: body['prefix'] } : {}),
      ...(typeof body['expires'] === 'number' ? { expires: body['expires'] } : {}),
      ...(typeof body['byteLength'] === 'number' ? { byteLength: body['byteLength'] } : {}),
      recoverable: body['recoverable'] === true,
      enabled: body['enabled'] !== false,
    });
    ctx.state.record(
      ctx.caller.keyId,
      'key.create',
      `Created key ${record.keyId} in ${apiId}`,
      keyResources(record),
    );
    return ok({ keyId: record.keyId, key });
  },
};
