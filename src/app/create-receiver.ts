import { createServer, type Server } from 'node:http';
import { createNodeMiddleware, type Probot } from 'probot';
import { createRootguardApp, type AppDependencies } from './create-app.js';

/** Where GitHub posts webhooks (Probot's default path). */
export const WEBHOOK_PATH = '/api/github/webhooks';

/**
 * GitHub caps webhook payloads at 25 MB. The middleware reads a body whole before it can check
 * the signature, so anything larger (or of unknown length) is refused before it is read.
 */
export const MAX_WEBHOOK_BODY_BYTES = 25 * 1024 * 1024;

/** Options of {@link createReceiver}. */
export interface ReceiverOptions {
  readonly probot: Probot;
  readonly deps: AppDependencies;
  /** Answers `GET /healthz`: true when the receiver can take webhooks (Redis answers). */
  readonly healthy: () => Promise<boolean>;
}

/**
 * The webhook receiver: Probot's Node middleware (signature check, then our handlers, which only
 * enqueue) behind a plain HTTP server, plus `/healthz`. Not listening yet: the caller picks the port.
 * A handler error's `status` becomes the HTTP status (503 when Redis cannot take the job).
 */
export async function createReceiver(options: ReceiverOptions): Promise<Server> {
  const middleware = await createNodeMiddleware(createRootguardApp(options.deps), {
    probot: options.probot,
    webhooksPath: WEBHOOK_PATH,
  });
  return createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      options.healthy().then(
        (ok) =>
          res
            .writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' })
            .end(ok ? 'ok\n' : 'redis unavailable\n'),
        () => res.writeHead(503).end(),
      );
      return;
    }
    if (req.method === 'POST') {
      const length = Number(req.headers['content-length']);
      if (req.headers['content-length'] === undefined || !Number.isSafeInteger(length)) {
        res
          .writeHead(411, { 'content-type': 'text/plain', connection: 'close' })
          .end('content-length required\n');
        return;
      }
      if (length > MAX_WEBHOOK_BODY_BYTES) {
        res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('payload too large\n');
        return;
      }
    }
    void middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
  });
}
