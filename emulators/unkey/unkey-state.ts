// Everything the emulator remembers: one workspace, its root keys, APIs, API keys and audit
// log. Keys are stored as Unkey stores them (base64 sha256); plaintext is returned once.
import { createHash, randomBytes } from 'node:crypto';
import { encodeBase58 } from '../../src/detect/base58.js';

/** A root key as stored (no plaintext). */
export interface RootKeyRecord {
  keyId: string;
  name: string | null;
  permissions: string[];
  /** First 8 characters of the plaintext. */
  start: string;
  /** Last 4 characters of the plaintext. */
  end: string;
  /** base64(sha256(plaintext)), as Unkey stores it. */
  hash: string;
  enabled: boolean;
  /** Unix ms. */
  createdAt: number;
  /** Unix ms; 0 when never used. */
  lastUsedAt: number;
  /** Unix ms, or null for no expiration. */
  expires: number | null;
  deleted: boolean;
}

/** An API (a key space of the customer's). */
export interface ApiRecord {
  apiId: string;
  name: string;
  createdAt: number;
}

/** A customer API key as stored (no plaintext). */
export interface ApiKeyRecord {
  keyId: string;
  apiId: string;
  name?: string;
  meta?: Record<string, unknown>;
  prefix?: string;
  start: string;
  hash: string;
  enabled: boolean;
  recoverable: boolean;
  createdAt: number;
  updatedAt?: number;
  expires?: number;
  deleted: boolean;
}

/** One audit-log event, in the shape of the draft `AuditLog` schema. */
export interface AuditLogRecord {
  auditLogId: string;
  version: 'v1';
  time: string;
  insertedAt: string;
  event: string;
  description: string;
  outcome: 'success';
  source: 'platform';
  actor: { type: string; id: string; name?: string };
  resources: { type: string; id: string; name?: string }[];
  context: Record<string, never>;
}

// Assembled at run time so this folder holds no key-shaped literal.
const ROOT_KEY_PREFIX = ['un', 'key', '_'].join('');

/** Unkey's stored form of a key: standard base64 of its SHA-256. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64');
}

/** An identifier like Unkey's (`key_…`, `api_…`, `ws_…`, `req_…`, `log_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${encodeBase58(randomBytes(16))}`;
}

/** A root key in Unkey's current format: `unkey_` + base58([0x01, 0x10, 16 random bytes]). */
export function generateRootKey(): string {
  return ROOT_KEY_PREFIX + encodeBase58(Buffer.concat([Buffer.from([0x01, 0x10]), randomBytes(16)]));
}

/** The emulator's memory. */
export class UnkeyState {
  readonly workspaceId = newId('ws');
  readonly rootKeys = new Map<string, RootKeyRecord>();
  readonly apis = new Map<string, ApiRecord>();
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  readonly audit: AuditLogRecord[] = [];
  /** hash → root key id: bearer lookup. */
  readonly rootKeyByHash = new Map<string, string>();
  /** Off: every root key of the workspace answers 403 `workspace_disabled`. */
  workspaceEnabled = true;

  constructor(readonly now: () => number) {}

  /** Stores a new root key; the plaintext is returned and not kept. */
  issueRootKey(input: {
    name?: string | null;
    permissions: string[];
    enabled?: boolean;
    createdAt?: number;
    expires?: number | null;
  }): { record: RootKeyRecord; key: string } {
    const key = generateRootKey();
    const record: RootKeyRecord = {
      keyId: newId('key'),
      name: input.name ?? null,
      permissions: [...input.permissions],
      start: key.slice(0, 8),
      end: key.slice(-4),
      hash: hashKey(key),
      enabled: input.enabled ?? true,
      createdAt: input.createdAt ?? this.now(),
      lastUsedAt: 0,
      expires: input.expires ?? null,
      deleted: false,
    };
    this.rootKeys.set(record.keyId, record);
    this.rootKeyByHash.set(record.hash, record.keyId);
    return { record, key };
  }

  /** Stores a new API key (`prefix_` + base58 of `byteLength` random bytes). */
  issueApiKey(
    apiId: string,
    input: Partial<
      Pick<ApiKeyRecord, 'name' | 'meta' | 'prefix' | 'recoverable' | 'enabled' | 'createdAt' | 'expires'>
    > & {
      byteLength?: number;
    },
  ): { record: ApiKeyRecord; key: string } {
    const body = encodeBase58(randomBytes(input.byteLength ?? 16));
    const head = input.prefix ? `${input.prefix}_` : '';
    const key = head + body;
    const record: ApiKeyRecord = {
      keyId: newId('key'),
      apiId,
      start: head + body.slice(0, 4),
      hash: hashKey(key),
      enabled: input.enabled ?? true,
      recoverable: input.recoverable ?? false,
      createdAt: input.createdAt ?? this.now(),
      deleted: false,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.meta !== undefined ? { meta: input.meta } : {}),
      ...(input.prefix !== undefined ? { prefix: input.prefix } : {}),
      ...(input.expires !== undefined ? { expires: input.expires } : {}),
    };
    this.apiKeys.set(record.keyId, record);
    return { record, key };
  }

  addApi(name: string): ApiRecord {
    const record: ApiRecord = { apiId: newId('api'), name, createdAt: this.now() };
    this.apis.set(record.apiId, record);
    return record;
  }

  /** Appends an audit event done by a root key. */
  record(
    actorKeyId: string,
    event: string,
    description: string,
    resources: AuditLogRecord['resources'],
  ): void {
    const time = new Date(this.now()).toISOString();
    const actorName = this.rootKeys.get(actorKeyId)?.name;
    this.audit.push({
      auditLogId: newId('log'),
      version: 'v1',
      time,
      insertedAt: time,
      event,
      description,
      outcome: 'success',
      source: 'platform',
      actor: { type: 'root_key', id: actorKeyId, ...(actorName ? { name: actorName } : {}) },
      resources,
      context: {},
    });
  }
}
