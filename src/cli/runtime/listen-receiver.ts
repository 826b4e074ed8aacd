import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { warmUpReceiver } from '../../app/warm-up-receiver.js';
import type { ConfigSecret } from '../../config/config-secret.js';
import type { Closable } from './close-within.js';

/** Where {@link listenReceiver} listens. */
export interface ListenReceiverOptions {
  /** 0 for any free port. */
  readonly port: number;
  readonly host: string;
  /** When set, a signed request warms the receiver up before it listens. */
  readonly webhookSecret: ConfigSecret | undefined;
}

/** A receiver that listens. */
export interface ListeningReceiver {
  /** Its base URL (a wildcard host is reached on 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  /** Stops listening at once; answers the requests in hand, then the keep-alive sockets go. */
  readonly closable: Closable;
}

/** Warms the webhook receiver up, so the first webhook is answered as fast as later ones, then listens. */
export async function listenReceiver(
  server: Server,
  options: ListenReceiverOptions,
): Promise<ListeningReceiver> {
  if (options.webhookSecret !== undefined) await warmUpReceiver(server, options.webhookSecret.reveal());
  server.listen(options.port, options.host);
  await once(server, 'listening');
  const closable: Closable = {
    name: 'webhook receiver',
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeIdleConnections();
      }),
    force: () => server.closeAllConnections(),
  };
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return { url: `http://${host}:${port}`, port, closable };
}
