import { z } from 'zod';
import { Secret } from '../detect/secret.js';
import { errorFromAnswer } from './error-from-response.js';
import { UnkeyResponseError } from './errors.js';
import { sendPost } from './send-post.js';
import type { UnkeyTransport } from './unkey-transport.js';

/** A root key as `rootKeys.listKeys` describes it (never its plaintext). */
export interface RootKeyInfo {
  keyId: string;
  name: string | null;
  start: string;
  end: string;
  enabled: boolean;
  createdAt: number;
  lastUsedAt: number;
  expires: number | null;
  permissions: string[];
}

/** One entry of `audit.getLogs`. The `meta` fields are dropped: they may hold secrets. */
export interface AuditLogEntry {
  auditLogId: string;
  time: string;
  event: string;
  description: string;
  actorId: string;
  actorType: string;
  resources: { type: string; id: string; name?: string }[];
}

/** One page of a paginated answer. */
export interface Page<T> {
  readonly items: T[];
  /** The cursor of the next page; undefined on the last page. */
  readonly cursor?: string;
}

/** How the upcoming client reaches Unkey. */
export type UpcomingClientOptions = UnkeyTransport;

/** The four upstream draft routes (`unkey-openapi-upcoming.yaml`) rootguard uses, one page per call. */
export interface UpcomingClient {
  listRootKeys(cursor?: string): Promise<Page<RootKeyInfo>>;
  rerollRootKey(keyId: string): Promise<{ keyId: string; key: Secret }>;
  deleteRootKey(keyId: string): Promise<void>;
  getAuditLogs(query: {
    actorId: string;
    start: Date;
    end: Date;
    cursor?: string;
  }): Promise<Page<AuditLogEntry>>;
}

// Only the fields we use are checked; extras pass through (the drafts may grow before release).
const pagination = z.looseObject({ cursor: z.string().optional(), hasMore: z.boolean() });

const rootKey = z.looseObject({
  keyId: z.string(),
  name: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  enabled: z.boolean(),
  createdAt: z.number(),
  lastUsedAt: z.number(),
  expires: z.number().nullable(),
  permissions: z.array(z.string()),
});
const listRootKeysAnswer = z.looseObject({ data: z.array(rootKey), pagination });

const rerollAnswer = z.looseObject({ data: z.looseObject({ keyId: z.string(), key: z.string() }) });
const emptyAnswer = z.looseObject({ data: z.unknown() });

const auditLog = z.looseObject({
  auditLogId: z.string(),
  time: z.string(),
  event: z.string(),
  description: z.string(),
  actor: z.looseObject({ type: z.string(), id: z.string() }),
  resources: z.array(z.looseObject({ type: z.string(), id: z.string(), name: z.string().optional() })),
});
const auditLogsAnswer = z.looseObject({ data: z.array(auditLog), pagination });

/** Page size of both list routes: the largest rootKeys.listKeys allows. */
const PAGE_SIZE = 100;

/** A small typed fetch client for the upcoming routes: bearer, JSON, timeout, run-time checked answers. */
export function createUpcomingClient(options: UpcomingClientOptions): UpcomingClient {
  async function call<T>(operation: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    const answer = await sendPost({ ...options, operation, bearer: options.rootKey, body });
    if (answer.status < 200 || answer.status > 299) {
      throw errorFromAnswer(operation, answer, { now: options.now(), routeAware: true });
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      throw new UnkeyResponseError(
        operation,
        `Unkey ${operation} answered ${answer.status} with a body that is not JSON`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // Name the paths only: zod's messages could quote a value, and a value could be a key.
      const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      throw new UnkeyResponseError(
        operation,
        `Unkey ${operation} answered ${answer.status} in a shape we cannot read (at ${[...new Set(paths)].slice(0, 5).join(', ')})`,
      );
    }
    return parsed.data;
  }

  return {
    async listRootKeys(cursor) {
      const answer = await call(
        'rootKeys.listKeys',
        { limit: PAGE_SIZE, ...(cursor !== undefined && { cursor }) },
        listRootKeysAnswer,
      );
      return page(
        answer.data.map((key) => ({
          keyId: key.keyId,
          name: key.name,
          start: key.start,
          end: key.end,
          enabled: key.enabled,
          createdAt: key.createdAt,
          lastUsedAt: key.lastUsedAt,
          expires: key.expires,
          permissions: key.permissions,
        })),
        answer.pagination,
      );
    },

    async rerollRootKey(keyId) {
      // expiration 0 revokes the old key at once; the new key goes straight into a Secret.
      const answer = await call('rootKeys.rerollKey', { keyId, expiration: 0 }, rerollAnswer);
      return { keyId: answer.data.keyId, key: new Secret(answer.data.key) };
    },

    async deleteRootKey(keyId) {
      await call('rootKeys.deleteKey', { keyId }, emptyAnswer);
    },

    async getAuditLogs(query) {
      const body = {
        actorId: query.actorId,
        start: query.start.toISOString(),
        end: query.end.toISOString(),
        limit: PAGE_SIZE,
        ...(query.cursor !== undefined && { cursor: query.cursor }),
      };
      const answer = await call('audit.getLogs', body, auditLogsAnswer);
      return page(
        answer.data.map((log) => ({
          auditLogId: log.auditLogId,
          time: log.time,
          event: log.event,
          description: log.description,
          actorId: log.actor.id,
          actorType: log.actor.type,
          resources: log.resources.map((r) => ({
            type: r.type,
            id: r.id,
            ...(r.name !== undefined && { name: r.name }),
          })),
        })),
        answer.pagination,
      );
    },
  };
}

function page<T>(items: T[], pagination: { cursor?: string | undefined; hasMore: boolean }): Page<T> {
  return pagination.hasMore && pagination.cursor !== undefined
    ? { items, cursor: pagination.cursor }
    : { items };
}
