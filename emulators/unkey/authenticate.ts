// Bearer authentication by hash lookup, answered as Unkey's `status.go` does, with Unkey's key
// cache: an entry is fresh for `freshMs`, then served stale for up to `staleMs` while it is
// revalidated in the background (the first request after `freshMs` still gets the old answer,
// the next one the revalidated one). A key revoked a moment ago still authenticates a while.
import { ERROR_TYPES, UnkeyHttpError } from './unkey-reply.js';
import { hashKey, type RootKeyRecord, type UnkeyState } from './unkey-state.js';

/** What the cache holds: the key as it was when looked up (or that there was none). */
type CachedKey =
  | (Pick<RootKeyRecord, 'keyId' | 'enabled' | 'expires' | 'deleted' | 'permissions'> & {
      workspaceEnabled: boolean;
    })
  | null;

/** The authenticated caller. */
export interface Caller {
  keyId: string;
  permissions: readonly string[];
}

/** How long a lookup is reused, like Unkey's key cache. */
export interface KeyCacheTimes {
  /** Served as is. 0: no cache. */
  readonly freshMs: number;
  /** Served (once past `freshMs`) while revalidating, up to this age; older: looked up again. */
  readonly staleMs: number;
}

/** Authenticates root keys against the state. */
export class Authenticator {
  readonly #cache = new Map<string, { key: CachedKey; cachedAt: number }>();

  constructor(
    private readonly state: UnkeyState,
    private readonly cache: KeyCacheTimes,
  ) {}

  /** The caller of an `Authorization` header; throws Unkey's 401/403 otherwise. */
  authenticate(authorization: string | undefined): Caller {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match)
      throw new UnkeyHttpError(
        401,
        ERROR_TYPES.malformedAuth,
        'You must provide a valid root key in the Authorization header in the format: "Bearer ROOT_KEY"',
      );
    const key = this.lookup(hashKey(match[1]!));
    const now = this.state.now();
    // Unkey's order (validation.go): not found, workspace disabled, key disabled, expired.
    if (!key || key.deleted)
      throw new UnkeyHttpError(401, ERROR_TYPES.keyNotFoundAuth, 'We could not find the requested key.');
    if (!key.workspaceEnabled)
      throw new UnkeyHttpError(403, ERROR_TYPES.workspaceDisabled, 'The workspace is disabled.');
    if (!key.enabled) throw new UnkeyHttpError(403, ERROR_TYPES.keyDisabled, 'The key is disabled.');
    if (key.expires !== null && key.expires <= now)
      throw new UnkeyHttpError(403, ERROR_TYPES.forbidden, `the key has expired on ${rfc3339(key.expires)}`);
    const live = this.state.rootKeys.get(key.keyId);
    if (live) live.lastUsedAt = now;
    return { keyId: key.keyId, permissions: key.permissions };
  }

  private lookup(hash: string): CachedKey {
    const now = this.state.now();
    const { freshMs, staleMs } = this.cache;
    if (freshMs <= 0) return this.read(hash);
    const cached = this.#cache.get(hash);
    const age = cached === undefined ? Infinity : now - cached.cachedAt;
    if (cached && age < freshMs) return cached.key;
    if (cached && age < Math.max(staleMs, freshMs)) {
      // Stale: this answer is the old one; the revalidation lands before the next request.
      this.#cache.set(hash, { key: this.read(hash), cachedAt: now });
      return cached.key;
    }
    const key = this.read(hash);
    this.#cache.set(hash, { key, cachedAt: now });
    return key;
  }

  private read(hash: string): CachedKey {
    const id = this.state.rootKeyByHash.get(hash);
    const record = id === undefined ? undefined : this.state.rootKeys.get(id);
    return record
      ? {
          keyId: record.keyId,
          enabled: record.enabled,
          expires: record.expires,
          deleted: record.deleted,
          permissions: [...record.permissions],
          workspaceEnabled: this.state.workspaceEnabled,
        }
      : null;
  }
}

/** Go's `time.RFC3339` of a UTC time: seconds, no fraction (`2026-12-07T19:58:03Z`). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** 403 insufficient permissions, naming what was needed. */
export function insufficientPermissions(needed: readonly string[]): UnkeyHttpError {
  return new UnkeyHttpError(
    403,
    ERROR_TYPES.insufficientPermissions,
    `Missing permission: one of ${needed.join(', ')}.`,
  );
}
