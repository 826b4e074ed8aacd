// Signs and posts a webhook the way GitHub does (headers, HMAC-SHA256 signature).
import { createHmac, randomUUID } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, GitHub's `x-hub-signature-256`. */
export function signWebhook(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Options of `deliverWebhook`. */
export interface DeliverWebhookOptions {
  url: string;
  secret: string;
  /** The `x-github-event` name, e.g. `push`. */
  event: string;
  payload: unknown;
  /** @defaultValue a random UUID, like GitHub's */
  deliveryId?: string;
  /** @defaultValue 10_000 (GitHub gives up after 10 s) */
  timeoutMs?: number;
}

/** What the receiver answered. */
export interface DeliverWebhookResult {
  status: number;
  body: string;
  ms: number;
  deliveryId: string;
}

/** GitHub's delivery timeout. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Posts one delivery. */
export async function deliverWebhook(options: DeliverWebhookOptions): Promise<DeliverWebhookResult> {
  const body = JSON.stringify(options.payload);
  const deliveryId = options.deliveryId ?? randomUUID();
  const started = performance.now();
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/emulator',
      'x-github-event': options.event,
      'x-github-delivery': deliveryId,
      'x-github-hook-id': '1',
      'x-github-hook-installation-target-type': 'integration',
      'x-hub-signature-256': signWebhook(options.secret, body),
    },
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: Math.round(performance.now() - started), deliveryId };
}
