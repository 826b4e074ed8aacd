// One request through the emulator: faults → route match → auth → request validation →
// handler → response validation → GitHub's headers. Violations and requests are recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SECONDARY_RATE_LIMIT_MESSAGE, type Faults } from './faults.js';
import { errorBody, GitHubHttpError, type Reply } from './http-reply.js';
import { DOWNLOAD_PATH_PREFIX } from './download-links.js';
import { isManifestPage, serveManifestPage } from './manifest-pages.js';
import type { OpenApiValidator } from './openapi/openapi-validator.js';
import type { Json } from './openapi/load-subset.js';
import type { EmulatorState, Handler } from './emulator-state.js';

/** A request or response that GitHub's description rejects. */
export interface Violation {
  method: string;
  path: string;
  problem: string;
}

/** One served request. */
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** When the request arrived (ms since the epoch, wall clock). */
  at: number;
}

/** Largest request body the emulator reads (GitHub's API limit is about 25 MB). */
export const MAX_REQUEST_BODY_BYTES = 25 * 1024 * 1024;
/** The primary rate limit reported in `x-ratelimit-*` (an installation's hourly budget). */
export const RATE_LIMIT_PER_HOUR = 5000;

const JWT_OPERATIONS = new Set([
  'apps/get-authenticated',
  'apps/create-installation-access-token',
  'apps/get-installation',
  'apps/get-repo-installation',
  'apps/get-org-installation',
  'apps/list-webhook-deliveries',
  'apps/redeliver-webhook-delivery',
  'apps/list-installations',
  'apps/get-webhook-config-for-app',
]);

/** Operations that take no credentials (the manifest code is the credential). */
const UNAUTHENTICATED_OPERATIONS = new Set(['apps/create-from-manifest']);

/** Dependencies of the request handler. */
export interface PipelineDeps {
  state: EmulatorState;
  validator: OpenApiValidator;
  routes: Record<string, Handler>;
  faults: Faults;
  violations: Violation[];
  requests: RecordedRequest[];
  /** Every non-empty request body, as received: tests check that no key ever left rootguard. */
  bodies: string[];
  /** Delay added to every request after its faults (the emulator's `latencyMs`). */
  latencyMs: number;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BODY_BYTES) throw new GitHubHttpError(413, 'Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Serves one request. */
export async function handleRequest(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const arrivedAt = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', deps.state.urls.api);
  const path = url.pathname;
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  let reply: Reply;
  let expireDownload = false;
  let dropped = false;

  try {
    for (const fault of deps.faults.take(method, path)) {
      if (fault.kind === 'slow') await sleep(fault.delayMs ?? 1000);
      else if (fault.kind === 'expire-download') expireDownload = true;
      else if (fault.kind === 'drop') dropped = true;
      else if (fault.kind === 'not-found') throw new GitHubHttpError(404, 'Not Found');
      else if (fault.kind === 'server-error') {
        const status = fault.status ?? 500;
        throw new GitHubHttpError(
          status,
          status === 500 ? 'Server Error' : status === 502 ? 'Bad Gateway' : 'Service Unavailable',
        );
      } else {
        const retryAfter = String(fault.retryAfter ?? 60);
        const status = fault.kind === 'rate-limit' ? 429 : 403;
        const message =
          fault.kind === 'rate-limit'
            ? 'API rate limit exceeded'
            : `${SECONDARY_RATE_LIMIT_MESSAGE} ${requestId}.`;
        reply = { status, body: errorBody(status, message), headers: { 'retry-after': retryAfter } };
        return;
      }
    }
    if (deps.latencyMs > 0) await sleep(deps.latencyMs);
    // A client that gave up while the request was held (a worker killed, or past its deadline,
    // while GitHub hung) gets nothing, as from GitHub: its body can no longer be read, and that is
    // no fault of the client's request.
    if (req.destroyed) dropped = true;
    if (dropped) {
      req.socket.destroy();
      return;
    }
    if (path.startsWith(DOWNLOAD_PATH_PREFIX) && method === 'GET') {
      reply = deps.state.downloads.serve(path);
      return;
    }
    // github.com's pages of the manifest flow (HTML, not the REST API: no description to check).
    if (isManifestPage(path)) {
      reply = serveManifestPage(deps.state, method, url, await readBody(req));
      return;
    }
    reply = await route(deps, req, method, url, expireDownload);
  } catch (error) {
    if (error instanceof GitHubHttpError)
      reply = { status: error.status, body: errorBody(error.status, error.message, error.extra) };
    else {
      deps.violations.push({ method, path, problem: `emulator error: ${(error as Error).message}` });
      reply = { status: 500, body: errorBody(500, 'Server Error') };
    }
  } finally {
    if (!dropped) {
      send(res, reply!, requestId, deps.state.now());
      deps.requests.push({
        method,
        path,
        status: reply!.status,
        ms: Math.round(performance.now() - started),
        at: arrivedAt,
      });
    } else {
      deps.requests.push({
        method,
        path,
        status: 0,
        ms: Math.round(performance.now() - started),
        at: arrivedAt,
      });
    }
  }
}

async function route(
  deps: PipelineDeps,
  req: IncomingMessage,
  method: string,
  url: URL,
  expireDownload: boolean,
): Promise<Reply> {
  const path = url.pathname;
  const matched = deps.validator.match(method, path);
  if (!('operationId' in matched)) {
    deps.violations.push({ method, path, problem: matched.problem });
    // GitHub answers an unknown route with 404 Not Found.
    return { status: 404, body: errorBody(404, 'Not Found') };
  }
  const handler = deps.routes[matched.operationId];
  if (!handler) {
    deps.violations.push({ method, path, problem: `emulator does not serve ${matched.operationId}` });
    return { status: 404, body: errorBody(404, 'Not Found') };
  }
  const authorization = req.headers.authorization;
  let appId = 0;
  let installationId = 0;
  if (JWT_OPERATIONS.has(matched.operationId)) appId = deps.state.auth.verifyJwt(authorization);
  else if (!UNAUTHENTICATED_OPERATIONS.has(matched.operationId))
    installationId = deps.state.auth.installationFor(authorization);

  const raw = await readBody(req);
  let body: Json | undefined;
  if (raw.length > 0) {
    deps.bodies.push(raw.toString('utf8'));
    try {
      body = JSON.parse(raw.toString('utf8')) as Json;
    } catch {
      deps.violations.push({ method, path, problem: 'request body is not JSON' });
      throw new GitHubHttpError(400, 'Problems parsing JSON');
    }
  }
  const problems = deps.validator.validateRequest(matched, url.searchParams, body);
  if (problems.length > 0) {
    for (const problem of problems) deps.violations.push({ method, path, problem });
    throw new GitHubHttpError(422, 'Invalid request.', { errors: problems });
  }
  let reply: Reply;
  try {
    reply = await handler({
      state: deps.state,
      params: matched.pathParams,
      query: url.searchParams,
      body,
      installationId,
      appId,
      url: url.toString(),
      accept: req.headers.accept ?? 'application/json',
      expireDownload,
    });
  } catch (error) {
    if (!(error instanceof GitHubHttpError)) throw error;
    // Error answers are checked against the description as well.
    reply = { status: error.status, body: errorBody(error.status, error.message, error.extra) };
  }
  if (reply.raw === undefined) {
    const problems = deps.validator.validateResponse(
      matched,
      reply.status,
      reply.body as Json | undefined,
      'application/json',
    );
    for (const problem of problems)
      deps.violations.push({ method, path, problem: `emulator response ${reply.status}: ${problem}` });
  }
  return reply;
}

function send(res: ServerResponse, reply: Reply, requestId: string, now: Date): void {
  // An exhausted limit resets when its retry-after says (so clients that wait for the reset, as
  // Octokit's throttling does, wait that long); otherwise an hour from now.
  const retryAfter = Number(reply.headers?.['retry-after']);
  const reset =
    Math.floor(now.getTime() / 1000) + (reply.status === 429 && retryAfter > 0 ? retryAfter : 3600);
  const headers: Record<string, string> = {
    'x-github-request-id': requestId,
    'x-ratelimit-limit': String(RATE_LIMIT_PER_HOUR),
    'x-ratelimit-remaining': String(reply.status === 429 ? 0 : RATE_LIMIT_PER_HOUR - 1),
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(reset),
    'x-ratelimit-resource': 'core',
    'x-github-api-version-selected': '2022-11-28',
    ...reply.headers,
  };
  let payload: Buffer | undefined;
  if (reply.raw !== undefined) {
    payload = reply.raw;
    headers['content-type'] = reply.contentType ?? 'application/octet-stream';
  } else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}
