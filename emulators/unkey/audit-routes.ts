// The draft audit.getLogs: ascending, filtered, cursor-paged.
import { insufficientPermissions } from './authenticate.js';
import { paginate } from './paginate.js';
import { hasPermission } from './permissions.js';
import type { Handler } from './route-context.js';
import { ok } from './unkey-reply.js';

const READ_AUDIT_LOG = ['audit.*.read_audit_log'];

const getLogs: Handler = (ctx) => {
  if (!hasPermission(ctx.caller.permissions, READ_AUDIT_LOG)) throw insufficientPermissions(READ_AUDIT_LOG);
  const body = (ctx.body ?? {}) as {
    cursor?: string;
    limit?: number;
    start?: string;
    end?: string;
    event?: string[];
    actorId?: string;
    resourceType?: string;
  };
  const start = body.start === undefined ? -Infinity : Date.parse(body.start);
  const end = body.end === undefined ? Infinity : Date.parse(body.end);
  // The sort key is the position in the log: zero-padded, so string order is insertion order.
  const entries = ctx.state.audit
    .map((entry, index) => ({ entry, position: String(index).padStart(12, '0') }))
    .filter(({ entry }) => {
      const time = Date.parse(entry.time);
      return (
        time >= start &&
        time <= end &&
        (body.actorId === undefined || entry.actor.id === body.actorId) &&
        (body.event === undefined || body.event.includes(entry.event)) &&
        (body.resourceType === undefined || entry.resources.some((r) => r.type === body.resourceType))
      );
    });
  const { page, pagination } = paginate(entries, (e) => e.position, body.cursor, body.limit ?? 100, true);
  return ok(
    page.map(({ entry }) => structuredClone(entry)),
    pagination,
  );
};

export const auditRoutes: Record<string, Handler> = { 'audit.getLogs': getLogs };
