import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_PATH } from './create-receiver.js';

/** What a warm-up costs at most before the receiver listens anyway. */
export const WARM_UP_TIMEOUT_MS = 5_000;

/**
 * Sends one signed `ping` through the receiver on a loopback port of its own and closes that
 * port, before the receiver listens for GitHub: what Node, Probot and our handlers compile or
 * load on first use (the HTTP parser, the middleware, the signature check, the event's
 * dispatch) is done then, so the first webhook from GitHub is answered as fast as later ones.
 * A ping enqueues nothing. A failed warm-up is no error: the receiver just starts cold.
 */
export async function warmUpReceiver(server: Server, secret: string): Promise<void> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const body = JSON.stringify({ zen: 'rootguard warm-up', hook_id: 0 });
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const answer = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': `warm-up-${Date.now()}`,
        'x-hub-signature-256': signature,
        connection: 'close',
      },
      body,
      signal: AbortSignal.timeout(WARM_UP_TIMEOUT_MS),
    });
    await answer.arrayBuffer();
  } catch {
    // Warming up is an optimisation: the receiver answers correctly without it.
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
