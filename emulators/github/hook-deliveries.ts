// The App's webhook deliveries: the emulator sends webhooks to the App's webhook URL itself (when
// a test sets one), records each attempt as GitHub's delivery log does, and serves that log
// (`GET /app/hook/deliveries`) and redelivery (`POST /app/hook/deliveries/{id}/attempts`).
import { randomUUID } from 'node:crypto';
import { deliverWebhook } from './deliver-webhook.js';
import type { HookDeliveryRecord } from './emulator-records.js';
import type { EmulatorState, Handler } from './emulator-state.js';
import { isoSeconds } from './github-objects.js';
import { GitHubHttpError, notFound, ok } from './http-reply.js';

/**
 * What GitHub lists for an attempt that got no HTTP answer. GitHub's description gives
 * "failed to connect" with 502 as its example; a timeout is listed as 504. Both fall in the
 * `failure` range (400–599) of the list's `status` filter, as on GitHub.
 */
export const CONNECT_FAILURE = { status: 'failed to connect', statusCode: 502 } as const;
export const TIMEOUT_FAILURE = { status: 'timed out', statusCode: 504 } as const;

/** Where the App's webhooks go (the App's webhook URL and secret). */
export interface WebhookTarget {
  url: string;
  secret: string;
  /** GitHub gives up after 10 s. @defaultValue 10_000 */
  timeoutMs?: number;
}

/** A sent webhook as the emulator keeps it to redeliver it (the payload stays in memory). */
export interface SentWebhook {
  readonly event: string;
  readonly payload: unknown;
}

function idOf(value: unknown): number | null {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'number' ? id : null;
}

/**
 * Sends one attempt of a webhook to the target and records it (a new delivery id; the `guid` is
 * the event's, shared by its redeliveries). No target, a refused connection or a timeout is a
 * failed attempt, recorded like GitHub records it.
 */
export async function sendWebhookAttempt(
  state: EmulatorState,
  webhook: SentWebhook,
  options: { guid?: string; redelivery?: boolean } = {},
): Promise<HookDeliveryRecord> {
  const guid = options.guid ?? randomUUID();
  const payload = webhook.payload as { action?: unknown; installation?: unknown; repository?: unknown };
  const started = performance.now();
  let outcome: { status: string; statusCode: number };
  const target = state.webhookTarget;
  if (target === undefined) outcome = CONNECT_FAILURE;
  else {
    try {
      const answer = await deliverWebhook({
        url: target.url,
        secret: target.secret,
        event: webhook.event,
        payload: webhook.payload,
        deliveryId: guid,
        ...(target.timeoutMs !== undefined ? { timeoutMs: target.timeoutMs } : {}),
      });
      outcome = { status: answer.status < 400 ? 'OK' : 'Invalid HTTP Response', statusCode: answer.status };
    } catch (error) {
      const name = (error as { name?: string }).name;
      outcome = name === 'TimeoutError' || name === 'AbortError' ? TIMEOUT_FAILURE : CONNECT_FAILURE;
    }
  }
  const record: HookDeliveryRecord = {
    id: state.nextId(),
    guid,
    deliveredAt: isoSeconds(state.now()),
    redelivery: options.redelivery ?? false,
    duration: Math.round(performance.now() - started) / 1000,
    status: outcome.status,
    statusCode: outcome.statusCode,
    event: webhook.event,
    action: typeof payload.action === 'string' ? payload.action : null,
    installationId: idOf(payload.installation),
    repositoryId: idOf(payload.repository),
    webhook,
  };
  state.hookDeliveries.push(record);
  return record;
}

/** `hook-delivery-item`. */
function deliveryItem(record: HookDeliveryRecord) {
  return {
    id: record.id,
    guid: record.guid,
    delivered_at: record.deliveredAt,
    redelivery: record.redelivery,
    duration: record.duration,
    status: record.status,
    status_code: record.statusCode,
    event: record.event,
    action: record.action,
    installation_id: record.installationId,
    repository_id: record.repositoryId,
    throttled_at: null,
  };
}

/** The list's page size: GitHub's default 30, at most 100. */
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/** Routes by operationId (App JWT). */
export const hookDeliveryRoutes: Record<string, Handler> = {
  // Newest first; `cursor` is opaque (`v1_<id>`: the page starts after that delivery), and the
  // Link header's `next` carries the cursor of the following page, as GitHub's does.
  'apps/list-webhook-deliveries': (ctx) => {
    const perPage = Math.min(
      Number(ctx.query.get('per_page') ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE,
      MAX_PER_PAGE,
    );
    const cursor = ctx.query.get('cursor');
    const filter = ctx.query.get('status');
    let items = [...ctx.state.hookDeliveries].reverse();
    if (filter === 'success') items = items.filter((d) => d.statusCode >= 200 && d.statusCode < 400);
    if (filter === 'failure') items = items.filter((d) => d.statusCode >= 400 && d.statusCode < 600);
    if (cursor !== null) {
      const match = /^v1_(\d+)$/.exec(cursor);
      if (!match) throw new GitHubHttpError(400, 'Bad request: invalid cursor');
      const after = Number(match[1]);
      items = items.filter((d) => d.id < after);
    }
    const page = items.slice(0, perPage);
    const headers: Record<string, string> = {};
    if (items.length > perPage && page.length > 0) {
      const next = new URL(ctx.url);
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('cursor', `v1_${page[page.length - 1]!.id}`);
      headers['link'] = `<${next.toString()}>; rel="next"`;
    }
    return ok(page.map(deliveryItem), headers);
  },
  // Accepted at once; the attempt is made afterwards (GitHub queues it), to the webhook URL the
  // App has now, with the original guid.
  'apps/redeliver-webhook-delivery': (ctx) => {
    const id = Number(ctx.params['delivery_id']);
    const record = ctx.state.hookDeliveries.find((d) => d.id === id);
    if (!record) throw notFound();
    ctx.state.redeliveryRequests.push(id);
    const attempt = sendWebhookAttempt(ctx.state, record.webhook, { guid: record.guid, redelivery: true });
    ctx.state.pendingAttempts.add(attempt);
    void attempt.finally(() => ctx.state.pendingAttempts.delete(attempt));
    return { status: 202, body: {} };
  },
};
