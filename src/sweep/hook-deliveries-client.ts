import type { GitHubClient } from '../github/github-client.js';

/** One attempt in the App's webhook delivery log, as `GET /app/hook/deliveries` lists it. */
export interface HookDelivery {
  /** The attempt's id: what the redelivery route takes. */
  readonly id: number;
  /** The event's id, sent as `X-GitHub-Delivery`: shared by the first attempt and its redeliveries. */
  readonly guid: string;
  /** ISO 8601. */
  readonly deliveredAt: string;
  readonly redelivery: boolean;
  /** The receiver's HTTP status (GitHub lists a receiver it could not reach as a 5xx). */
  readonly statusCode: number;
  readonly event: string;
}

/** One page of the delivery log, newest first, and the cursor of the next page. */
export interface HookDeliveryPage {
  readonly deliveries: readonly HookDelivery[];
  readonly nextCursor?: string;
}

/** What the sweeper asks of GitHub, with the App's JWT. */
export interface HookDeliveriesClient {
  listDeliveries(options: { readonly perPage: number; readonly cursor?: string }): Promise<HookDeliveryPage>;
  /** Asks GitHub to deliver the attempt's event again (same guid). */
  redeliver(deliveryId: number): Promise<void>;
}

/** The `cursor` of the Link header's `next` page, or undefined on the last page. */
export function nextCursorOf(link: string | undefined): string | undefined {
  const next = /<([^>]+)>\s*;\s*rel="next"/.exec(link ?? '')?.[1];
  if (next === undefined) return undefined;
  return new URL(next).searchParams.get('cursor') ?? undefined;
}

/** The delivery routes on an App-authenticated Octokit (`probot.auth()` without an installation). */
export function hookDeliveriesClient(app: GitHubClient): HookDeliveriesClient {
  return {
    async listDeliveries({ perPage, cursor }) {
      const response = await app.request('GET /app/hook/deliveries', {
        per_page: perPage,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      const nextCursor = nextCursorOf(response.headers.link);
      return {
        deliveries: response.data.map((d) => ({
          id: Number(d.id),
          guid: d.guid,
          deliveredAt: d.delivered_at,
          redelivery: d.redelivery,
          statusCode: d.status_code,
          event: d.event,
        })),
        ...(nextCursor !== undefined ? { nextCursor } : {}),
      };
    },
    async redeliver(deliveryId) {
      await app.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: deliveryId });
    },
  };
}
