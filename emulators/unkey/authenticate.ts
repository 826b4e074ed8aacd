// Bearer authentication by hash lookup, with Unkey's key cache: a looked-up key is reused for
// `cacheMs`, so a key revoked a moment ago still authenticates until its entry expires.
import { ERROR_TYPES, UnkeyHttpError } from './unkey-reply.js';
import { hashKey, type RootKeyRecord, type UnkeyState } from './unkey-state.js';

/** What the cache holds: the key as it was when looked up (or that there was none). */
type CachedKey = Pick<RootKeyRecord, 'keyId' | 'enabled' | 'expires' | 'deleted' | 'permissions'> | null;

/** The authenticated caller. */
export interface Caller {
  keyId: string;
  permissions: readonly string[];
}

/** Authenticates root keys against the state. */
export class Authenticator {
  readonly #cache = new Map<string, { key: CachedKey; cachedAt: number }>();

  constructor(
    private readonly state: UnkeyState,
    private readonly cacheMs: number,
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
    if (!key || key.deleted || (key.expires !== null && key.expires <= now))
      throw new UnkeyHttpError(401, ERROR_TYPES.keyNotFoundAuth, 'The provided root key is invalid.');
    if (!key.enabled)
      throw new UnkeyHttpError(403, ERROR_TYPES.keyDisabled, 'The provided root key is disabled.');
    const live = this.state.rootKeys.get(key.keyId);
    if (live) live.lastUsedAt = now;
    return { keyId: key.keyId, permissions: key.permissions };
  }

  private lookup(hash: string): CachedKey {
    const now = this.state.now();
    const cached = this.#cache.get(hash);
    if (this.cacheMs > 0 && cached && now - cached.cachedAt < this.cacheMs) return cached.key;
    const id = this.state.rootKeyByHash.get(hash);
    const record = id === undefined ? undefined : this.state.rootKeys.get(id);
    const key: CachedKey = record
      ? {
          keyId: record.keyId,
          enabled: record.enabled,
          expires: record.expires,
          deleted: record.deleted,
          permissions: [...record.permissions],
        }
      : null;
    if (this.cacheMs > 0) this.#cache.set(hash, { key, cachedAt: now });
    return key;
  }
}

/** 403 insufficient permissions, naming what was needed. */
export function insufficientPermissions(needed: readonly string[]): UnkeyHttpError {
  return new UnkeyHttpError(
    403,
    ERROR_TYPES.insufficientPermissions,
    `Missing permission: one of ${needed.join(', ')}.`,
  );
}
