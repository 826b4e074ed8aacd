import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createNodeMiddleware, type Probot } from 'probot';
import { BodyBudget } from './body-budget.js';
import { createRootguardApp, type AppDependencies } from './create-app.js';
import type { WebhookMetrics } from './webhook-metrics.js';

/** Where GitHub posts webhooks (Probot's default path). */
export const WEBHOOK_PATH = '/api/github/webhooks';

/**
 * GitHub caps webhook payloads at 25 MB. The middleware reads a body whole before it can check
 * the signature, so anything larger (or of unknown length) is refused before it is read.
 */
export const MAX_WEBHOOK_BODY_BYTES = 25 * 1024 * 1024;

/** The only signature header form GitHub sends: anything else is refused before the body is read. */
const SIGNATURE_HEADER = /^sha256=[0-9a-f]{64}$/;

/**
 * Longest time a request may take to arrive whole. GitHub sends a delivery at once; a sender that
 * trickles its body would otherwise hold a body slot for Node's default of 5 minutes.
 */
export const WEBHOOK_REQUEST_TIMEOUT_MS = 30_000;

/** Octokit's answer to a delivery whose signature does not match (kept as it was before the check moved here). */
const SIGNATURE_MISMATCH_BODY = JSON.stringify({
  error: 'Error: [@octokit/webhooks] signature does not match event payload and secret',
});

/** Header values of a refused request are the sender's: a log line keeps this much of each. */
const MAX_LOGGED_HEADER_CHARS = 64;

/**
 * Reads the body and checks its signature before Probot sees it. A mismatch is answered 400 (as
 * Octokit answers it) with one short log line: Probot would log the unauthenticated payload and
 * its signature whole, twice. A match hands the text on (`req.body`, which Octokit's middleware
 * reads instead of the stream, and checks again).
 */
async function verifyFirst(
  req: IncomingMessage,
  res: ServerResponse,
  signature: string,
  probot: Probot,
): Promise<boolean> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
  } catch {
    return false; // the sender went away: nothing to answer
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (await probot.webhooks.verify(text, signature)) {
    (req as IncomingMessage & { body?: string }).body = text;
    return true;
  }
  const header = (name: string) => String(req.headers[name] ?? '').slice(0, MAX_LOGGED_HEADER_CHARS);
  probot.log.warn(
    { event: header('x-github-event'), delivery: header('x-github-delivery') },
    'webhook refused: its signature does not match WEBHOOK_SECRET',
  );
  res
    .writeHead(400, { 'content-type': 'application/json', connection: 'close' })
    .end(SIGNATURE_MISMATCH_BODY);
  return false;
}

/** Options of {@link createReceiver}. */
export interface ReceiverOptions {
  readonly probot: Probot;
  readonly deps: AppDependencies;
  /**
   * Answers `GET /healthz` when `routes` does not: true when the receiver can take webhooks
   * (Redis answers). @defaultValue `/healthz` is left to `routes`
   */
  readonly healthy?: () => Promise<boolean>;
  /**
   * Other routes on the receiver's port (the runtime's probes, `/metrics`, the admin board):
   * tried first for every request that is not a webhook; returns whether it answered.
   * @defaultValue none
   */
  readonly routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Counts each webhook request's answer and its latency. @defaultValue nothing counted */
  readonly metrics?: WebhookMetrics;
  /** Admission of bodies before they are read. @defaultValue a `BodyBudget` with its defaults */
  readonly bodyBudget?: BodyBudget;
}

/**
 * The webhook receiver: Probot's Node middleware (signature check, then our handlers, which only
 * enqueue) behind a plain HTTP server, plus the caller's `routes` (probes, metrics) or `/healthz`.
 * Not listening yet: the caller picks the port.
 * A handler error's `status` becomes the HTTP status (503 when Redis cannot take the job).
 *
 * Before a body is read: a length over GitHub's cap is refused (413), a missing or malformed
 * `X-Hub-Signature-256` header gets 401, and the body waits for room in the `BodyBudget` (503 with
 * `Retry-After` when there is none in time), so unsigned floods cannot grow memory.
 */
export async function createReceiver(options: ReceiverOptions): Promise<Server> {
  const middleware = await createNodeMiddleware(createRootguardApp(options.deps), {
    probot: options.probot,
    webhooksPath: WEBHOOK_PATH,
  });
  const budget = options.bodyBudget ?? new BodyBudget();
  const refuse = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) =>
    // `connection: close`: the unread body is dropped with the socket, not drained into memory.
    res.writeHead(status, { 'content-type': 'text/plain', connection: 'close', ...headers }).end(text);
  const { healthy, metrics } = options;
  const server = createServer((req, res) => {
    const webhook = req.url?.split('?')[0] === WEBHOOK_PATH;
    if (!webhook && options.routes?.(req, res)) return;
    if (webhook && metrics) {
      // Every answer to the webhook path, refusals included: its status says which.
      const started = performance.now();
      res.once('finish', () => {
        const event = req.headers['x-github-event'];
        metrics.webhookAnswered(
          typeof event === 'string' ? event : undefined,
          res.statusCode,
          (performance.now() - started) / 1000,
        );
      });
    }
    if (healthy && req.method === 'GET' && req.url === '/healthz') {
      healthy().then(
        (ok) =>
          res
            .writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' })
            .end(ok ? 'ok\n' : 'redis unavailable\n'),
        () => res.writeHead(503).end(),
      );
      return;
    }
    const pass = () =>
      void middleware(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      });
    if (req.method !== 'POST') return pass();
    const length = Number(req.headers['content-length']);
    if (req.headers['content-length'] === undefined || !Number.isSafeInteger(length))
      return refuse(res, 411, 'content-length required\n');
    if (length > MAX_WEBHOOK_BODY_BYTES) return refuse(res, 413, 'payload too large\n');
    const signature = req.headers['x-hub-signature-256'];
    if (typeof signature !== 'string' || !SIGNATURE_HEADER.test(signature))
      return refuse(res, 401, 'missing or malformed x-hub-signature-256\n');
    void budget.acquire(length).then((release) => {
      if (release === undefined)
        return refuse(res, 503, 'too many webhook bodies in flight; retry\n', { 'retry-after': '1' });
      // Released when the answer is sent or the client goes away, whichever comes first.
      res.once('close', release);
      if (res.destroyed) return release();
      void verifyFirst(req, res, signature, options.probot).then((verified) => verified && pass());
    });
  });
  server.requestTimeout = WEBHOOK_REQUEST_TIMEOUT_MS;
  return server;
}
