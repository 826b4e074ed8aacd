// The draft rootKeys.* operations: list, create, reroll, update, delete.
import { insufficientPermissions, type Caller } from './authenticate.js';
import { paginate } from './paginate.js';
import { hasPermission, holdsPermission, rootKeyPermission } from './permissions.js';
import type { Handler, RouteContext } from './route-context.js';
import { ERROR_TYPES, ok, UnkeyHttpError } from './unkey-reply.js';
import type { RootKeyRecord } from './unkey-state.js';

function requireRootKey(caller: Caller, keyId: string, action: 'read' | 'write' | 'delete'): void {
  const needed = rootKeyPermission(keyId, action);
  if (!hasPermission(caller.permissions, needed)) throw insufficientPermissions(needed);
}

/** A caller cannot hand out (or keep on a rerolled key) permissions it does not hold itself. */
function requireHolds(caller: Caller, permissions: readonly string[]): void {
  const missing = permissions.filter((p) => !holdsPermission(caller.permissions, p));
  if (missing.length > 0) throw insufficientPermissions(missing);
}

function findRootKey(ctx: RouteContext, keyId: string): RootKeyRecord {
  const key = ctx.state.rootKeys.get(keyId);
  if (!key || key.deleted)
    throw new UnkeyHttpError(404, ERROR_TYPES.rootKeyNotFound, 'The root key was not found.');
  return key;
}

function resource(key: RootKeyRecord): { type: string; id: string; name?: string } {
  return { type: 'rootKey', id: key.keyId, ...(key.name ? { name: key.name } : {}) };
}

export const rootKeyRoutes: Record<string, Handler> = {
  'rootKeys.listKeys': (ctx) => {
    // Only the keys the caller may read; none readable is an empty page, not a 403.
    const keys = [...ctx.state.rootKeys.values()]
      .filter((k) => !k.deleted && hasPermission(ctx.caller.permissions, rootKeyPermission(k.keyId, 'read')))
      .sort((a, b) => (a.keyId < b.keyId ? -1 : 1));
    const { page, pagination } = paginate(keys, (k) => k.keyId, ctx.body.cursor, ctx.body.limit ?? 100);
    return ok(
      page.map((k) => ({
        keyId: k.keyId,
        name: k.name,
        start: k.start,
        end: k.end,
        enabled: k.enabled,
        createdAt: k.createdAt,
        lastUsedAt: k.lastUsedAt,
        expires: k.expires,
        permissions: [...k.permissions],
      })),
      pagination,
    );
  },

  'rootKeys.createKey': (ctx) => {
    requireRootKey(ctx.caller, '*', 'write');
    const permissions = ctx.body.permissions as string[];
    requireHolds(ctx.caller, permissions);
    const expires = (ctx.body.expires ?? null) as number | null;
    if (expires !== null && expires <= ctx.state.now())
      throw new UnkeyHttpError(400, ERROR_TYPES.invalidInput, 'expires must be in the future.', [
        { location: 'body.expires', message: 'must be in the future' },
      ]);
    const { record, key } = ctx.state.issueRootKey({ name: ctx.body.name ?? null, permissions, expires });
    ctx.state.record(ctx.caller.keyId, 'root_key.create', `Created root key ${record.keyId}`, [
      resource(record),
    ]);
    return ok({ keyId: record.keyId, key });
  },

  'rootKeys.rerollKey': (ctx) => {
    const keyId = String(ctx.body.keyId);
    requireRootKey(ctx.caller, keyId, 'write');
    const expiration = ctx.body.expiration as number | null;
    if (expiration !== null) requireRootKey(ctx.caller, keyId, 'delete');
    const old = findRootKey(ctx, keyId);
    requireHolds(ctx.caller, old.permissions);
    const { record, key } = ctx.state.issueRootKey({
      name: old.name,
      permissions: old.permissions,
      enabled: old.enabled,
      expires: old.expires,
    });
    if (expiration !== null) {
      // 0 revokes at once; a positive value never extends an existing expiration.
      const until = ctx.state.now() + expiration;
      old.expires = old.expires === null ? until : Math.min(old.expires, until);
    }
    ctx.state.record(
      ctx.caller.keyId,
      'root_key.reroll',
      `Rerolled root key ${old.keyId} to ${record.keyId}`,
      [resource(old), resource(record)],
    );
    return ok({ keyId: record.keyId, key });
  },

  'rootKeys.updateKey': (ctx) => {
    const keyId = String(ctx.body.keyId);
    requireRootKey(ctx.caller, keyId, 'write');
    const key = findRootKey(ctx, keyId);
    const body = ctx.body as Record<string, unknown>;
    if (Array.isArray(body['permissions'])) {
      requireHolds(ctx.caller, body['permissions'] as string[]);
      key.permissions = [...(body['permissions'] as string[])];
    }
    if ('name' in body) key.name = (body['name'] as string | null) ?? null;
    if (typeof body['enabled'] === 'boolean') key.enabled = body['enabled'];
    ctx.state.record(ctx.caller.keyId, 'root_key.update', `Updated root key ${key.keyId}`, [resource(key)]);
    return ok({});
  },

  'rootKeys.deleteKey': (ctx) => {
    const keyId = String(ctx.body.keyId);
    requireRootKey(ctx.caller, keyId, 'delete');
    const key = findRootKey(ctx, keyId);
    key.deleted = true;
    ctx.state.record(ctx.caller.keyId, 'root_key.delete', `Deleted root key ${key.keyId}`, [resource(key)]);
    return ok({});
  },
};
