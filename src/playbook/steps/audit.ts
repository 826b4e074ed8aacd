import { RouteUnavailableError, UnkeyRequestError } from '../../unkey/errors.js';
import type { AuditLogEntry } from '../../unkey/upcoming-client.js';
import { decryptCovers, decryptScope } from '../decrypt-scope.js';
import { responderRejected } from '../manual-instructions.js';
import type { PlaybookStep, StepResult } from '../playbook-step.js';
import type { StepContext } from '../step-context.js';
import { detailOf, type AffectedKey, type AuditDetail, type IdentifyDetail } from '../step-details.js';

/**
 * What did the leaked key do while it was exposed? The window runs from the first exposure (less
 * the policy's margin) to the confirmed revocation. With Unkey's audit log: the key's own events
 * (`actorId`). Without it: the keys of the configured APIs created or updated in the window. A
 * key that could decrypt an API with recoverable keys exposed all of them (decryption is not audited).
 */
export const auditStep = {
  name: 'audit',
  async run(ctx) {
    const identify = detailOf(ctx, 'identify');
    const window = auditWindow(ctx);
    if (!ctx.deps.responderConfigured)
      return {
        outcome: 'manual',
        summary: 'UNKEY_ROOT_KEY is not configured, so rootguard cannot read what the key did.',
        instruction: `Review the Unkey audit log for ${identify.keyId ?? `the root key ${ctx.incident.masked}`} between ${window.start} and ${window.end}, and reroll every API key it created or changed.`,
        detail: { method: 'none', window, affected: [] },
      };
    try {
      return await audit(ctx, identify, window);
    } catch (error) {
      if (error instanceof UnkeyRequestError && (error.status === 401 || error.status === 403))
        return {
          outcome: 'manual',
          summary: 'rootguard was refused reading what the key did.',
          instruction: `${responderRejected(error, error.operation, 'audit.*.read_audit_log, api.*.read_api and api.*.read_key')} Then review the audit log between ${window.start} and ${window.end}.`,
          detail: { method: 'none', window, affected: [] },
        };
      throw error;
    }
  },
} satisfies PlaybookStep<'audit'>;

function auditWindow(ctx: StepContext): NonNullable<AuditDetail['window']> {
  const start = new Date(new Date(ctx.incident.firstExposedAt).getTime() - ctx.policy.auditMarginMs);
  const contained = ctx.incident.containedAt ?? detailOf(ctx, 'confirm').confirmedAt;
  return { start: start.toISOString(), end: contained ?? ctx.deps.now().toISOString() };
}

async function audit(
  ctx: StepContext,
  identify: Partial<IdentifyDetail>,
  window: NonNullable<AuditDetail['window']>,
): Promise<StepResult<'audit'>> {
  const { unkey, config } = ctx.deps;
  const affected = new Map<string, { apiId?: string; reasons: Set<string> }>();
  const add = (keyId: string, reason: string, apiId?: string) => {
    const entry = affected.get(keyId) ?? { ...(apiId ? { apiId } : {}), reasons: new Set<string>() };
    entry.reasons.add(reason);
    affected.set(keyId, entry);
  };
  let method: AuditDetail['method'] = 'key-listing';
  let events: Record<string, number> | undefined;
  let truncated = false;
  const start = new Date(window.start);
  const end = new Date(window.end);
  if (identify.keyId && (await unkey.capabilities()).auditLogs) {
    try {
      const logs = await unkey.getAuditLogs({ actorId: identify.keyId, start, end });
      method = 'audit-log';
      events = countEvents(logs.entries);
      truncated ||= logs.truncated;
      for (const entry of logs.entries)
        for (const resource of entry.resources)
          if (resource.type === 'key') add(resource.id, `${entry.event} by the leaked key at ${entry.time}`);
    } catch (error) {
      if (!(error instanceof RouteUnavailableError)) throw error;
    }
  }
  const apis = config.unkey.apis;
  if (method === 'key-listing')
    for (const api of apis) {
      const listed = await unkey.listApiKeys(api.id);
      truncated ||= listed.truncated;
      for (const key of listed.keys) {
        if (inWindow(key.createdAt, start, end))
          add(key.keyId, 'created while the root key was exposed', api.id);
        else if (key.updatedAt !== undefined && inWindow(key.updatedAt, start, end))
          add(key.keyId, 'changed while the root key was exposed', api.id);
      }
    }
  const scope = decryptScope(identify.permissions ?? []);
  for (const api of apis.filter((a) => a.recoverableKeys && decryptCovers(scope, a.id))) {
    const listed = await unkey.listApiKeys(api.id);
    truncated ||= listed.truncated;
    for (const key of listed.keys)
      add(key.keyId, 'recoverable, and the leaked key could decrypt it (decryption is not audited)', api.id);
  }
  const list: AffectedKey[] = [...affected].map(([keyId, e]) => ({
    keyId,
    ...(e.apiId ? { apiId: e.apiId } : {}),
    reasons: [...e.reasons],
  }));
  const detail: AuditDetail = {
    method,
    window,
    affected: list,
    ...(events ? { events } : {}),
    ...(truncated ? { truncated } : {}),
  };
  const how =
    method === 'audit-log'
      ? `Audit log of ${identify.keyId}: ${Object.values(events ?? {}).reduce((a, b) => a + b, 0)} event(s)`
      : apis.length > 0
        ? `No audit log for the key (${identify.keyId ? 'no audit API on this server' : 'key id unknown'}); listed the keys of ${apis.length} configured API(s)`
        : 'No audit log for the key and no API configured (unkey.apis) to list';
  const summary = `${how}; ${list.length} API key(s) affected${truncated ? ' (lists cut at their limits)' : ''}.`;
  if (method === 'key-listing' && apis.length === 0)
    return {
      outcome: 'manual',
      summary,
      instruction: `Review the Unkey audit log between ${window.start} and ${window.end} for what ${identify.keyId ?? ctx.incident.masked} did, or list your APIs in the operator config (unkey.apis) so rootguard can.`,
      detail: { ...detail },
    };
  return { outcome: 'done', summary, detail: { ...detail } };
}

function inWindow(ms: number, start: Date, end: Date): boolean {
  return ms >= start.getTime() && ms <= end.getTime();
}

function countEvents(entries: readonly AuditLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.event] = (counts[entry.event] ?? 0) + 1;
  return counts;
}
