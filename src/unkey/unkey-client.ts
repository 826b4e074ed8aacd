import type { Secret } from '../detect/secret.js';
import { detectCapabilities, type UnkeyCapabilities } from './capabilities.js';
import { probeLiveness, type Liveness } from './probe-liveness.js';
import { createPublishedClient, type ApiKeyInfo } from './published-client.js';
import { createUpcomingClient, type AuditLogEntry, type Page, type RootKeyInfo } from './upcoming-client.js';
import { refuseRedirects } from './refuse-redirects.js';

/** At most this many audit entries are read per query; more is reported as `truncated`. */
export const MAX_AUDIT_ENTRIES = 10_000;
/** At most this many keys are read per API; more is reported as `truncated`. */
export const MAX_API_KEYS = 50_000;
/** Unkey's public API. */
export const DEFAULT_UNKEY_API_URL = 'https://api.unkey.com';

/** Options of `createUnkeyClient`. */
export interface UnkeyClientOptions {
  /** The Unkey server (`UNKEY_API_URL`). @defaultValue 'https://api.unkey.com' */
  readonly baseUrl?: string;
  /** rootguard's own responder root key (`UNKEY_ROOT_KEY`). */
  readonly rootKey: { reveal(): string };
  /** @defaultValue globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Per request. @defaultValue 10_000 */
  readonly timeoutMs?: number;
  /** @defaultValue Date.now */
  readonly now?: () => number;
  /** Caps of the paginated reads (for tests). @defaultValue `{ maxAuditEntries: MAX_AUDIT_ENTRIES, maxApiKeys: MAX_API_KEYS }` */
  readonly limits?: { readonly maxAuditEntries?: number; readonly maxApiKeys?: number };
}

/**
 * Everything rootguard asks of Unkey. Errors are `UnkeyError`s (errors.ts): retryable or final,
 * `RouteUnavailableError` when an upcoming route is missing on this server.
 */
export interface UnkeyClient {
  readonly baseUrl: string;
  /** Which upcoming routes this server has (cached per server for 10 minutes). */
  capabilities(): Promise<UnkeyCapabilities>;
  /** Whether a leaked key still works, asked with the leaked key and used for nothing else. */
  probeLiveness(leakedKey: { reveal(): string }): Promise<Liveness>;
  /** Every root key of the workspace, all pages. */
  listRootKeys(): Promise<RootKeyInfo[]>;
  /** Revokes a root key at once (`expiration: 0`) and returns its replacement, same permissions. */
  rerollRootKey(keyId: string): Promise<{ keyId: string; key: Secret }>;
  deleteRootKey(keyId: string): Promise<void>;
  /** What an actor did in a window, all pages up to `MAX_AUDIT_ENTRIES`. */
  getAuditLogs(query: {
    actorId: string;
    start: Date;
    end: Date;
  }): Promise<{ entries: AuditLogEntry[]; truncated: boolean }>;
  /** The keys of an API, all pages up to `MAX_API_KEYS`. */
  listApiKeys(apiId: string): Promise<{ keys: ApiKeyInfo[]; truncated: boolean }>;
  getApiKey(keyId: string): Promise<ApiKeyInfo>;
  /** `keys.updateKey { keyId, meta }`: replaces the key's meta. */
  updateApiKeyMeta(keyId: string, meta: Record<string, unknown>): Promise<void>;
  /** Rerolls an API key; the new key's plaintext is dropped at once, never returned or logged. */
  rerollApiKey(keyId: string, expirationMs: number): Promise<{ keyId: string }>;
}

/** The Unkey adapter: published routes through `@unkey/api`, upcoming ones through a small fetch client. */
export function createUnkeyClient(options: UnkeyClientOptions): UnkeyClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_UNKEY_API_URL).replace(/\/+$/, '');
  const wire = {
    baseUrl,
    rootKey: options.rootKey,
    // Looked up per call, so a fetch patched later (nock) is the one used. No redirect is followed.
    fetch: refuseRedirects(
      options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args)),
    ),
    timeoutMs: options.timeoutMs ?? 10_000,
    now: options.now ?? Date.now,
  };
  const maxAuditEntries = options.limits?.maxAuditEntries ?? MAX_AUDIT_ENTRIES;
  const maxApiKeys = options.limits?.maxApiKeys ?? MAX_API_KEYS;
  const published = createPublishedClient(wire);
  const upcoming = createUpcomingClient(wire);

  return {
    baseUrl,
    capabilities: () => detectCapabilities(wire),
    // Only the leaked key goes in: the probe never sees the responder key.
    probeLiveness: (leakedKey) =>
      probeLiveness(leakedKey, { baseUrl, fetch: wire.fetch, timeoutMs: wire.timeoutMs, now: wire.now }),
    async listRootKeys() {
      const { items } = await readPages((cursor) => upcoming.listRootKeys(cursor), Number.POSITIVE_INFINITY);
      return items;
    },
    rerollRootKey: (keyId) => upcoming.rerollRootKey(keyId),
    deleteRootKey: (keyId) => upcoming.deleteRootKey(keyId),
    async getAuditLogs(query) {
      const { items, truncated } = await readPages(
        (cursor) => upcoming.getAuditLogs({ ...query, ...(cursor !== undefined && { cursor }) }),
        maxAuditEntries,
      );
      return { entries: items, truncated };
    },
    async listApiKeys(apiId) {
      const { items, truncated } = await readPages(
        (cursor) => published.listApiKeys(apiId, cursor),
        maxApiKeys,
      );
      return { keys: items, truncated };
    },
    getApiKey: (keyId) => published.getApiKey(keyId),
    updateApiKeyMeta: (keyId, meta) => published.updateApiKeyMeta(keyId, meta),
    rerollApiKey: (keyId, expirationMs) => published.rerollApiKey(keyId, expirationMs),
  };
}

/** Follows cursors until the last page or `max` items; `truncated` when items were left unread. */
async function readPages<T>(
  readPage: (cursor: string | undefined) => Promise<Page<T>>,
  max: number,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await readPage(cursor);
    items.push(...page.items);
    if (items.length > max) return { items: items.slice(0, max), truncated: true };
    if (page.cursor === undefined) return { items, truncated: false };
    // A server that hands back a cursor it already gave would loop forever: stop and say so.
    if (seen.has(page.cursor)) return { items, truncated: true };
    if (items.length === max) return { items, truncated: true };
    seen.add(page.cursor);
    cursor = page.cursor;
  }
}
