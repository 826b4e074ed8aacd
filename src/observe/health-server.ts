import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthPortError } from './errors.js';
import type { ObserveHandler } from './observe-routes.js';

/** A health server that listens. */
export interface ListeningHealthServer {
  readonly server: Server;
  /** Its base URL (a wildcard host is reached on 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A worker's small HTTP server: the probes and /metrics (`routes`), 404 for anything else.
 * Listens on `host`:`port` (0 for any free port) before it resolves; a port taken (a second
 * worker on one host) is a `HealthPortError` naming the setting to change.
 */
export async function listenHealthServer(
  routes: ObserveHandler,
  options: { readonly port: number; readonly host: string },
): Promise<ListeningHealthServer> {
  const server = createServer((req, res) => {
    if (!routes(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  // Probes are small: a slow client does not hold a socket for Node's default of 5 minutes.
  server.requestTimeout = 10_000;
  server.listen(options.port, options.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new HealthPortError(
      `The worker's health port ${options.host}:${options.port} cannot be opened (${typeof code === 'string' ? code : 'listen failed'}): set ROOTGUARD_HEALTH_PORT to a free port (0 for any) or ROOTGUARD_HEALTH_HOST to an address of this host.`,
    );
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
