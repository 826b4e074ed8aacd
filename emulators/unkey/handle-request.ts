// One request through the emulator: route → faults → latency → body → contract check →
// auth → handler → response check → Unkey's envelope. Requests and violations are recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Authenticator } from './authenticate.js';
import type { ContractValidator } from './contract-validator.js';
import type { UnkeyFaults } from './faults.js';
import type { Json, UnkeyContract } from './load-contract.js';
import type { Handler } from './route-context.js';
import { ERROR_TYPES, UnkeyHttpError, type Reply } from './unkey-reply.js';
import { newId, type UnkeyState } from './unkey-state.js';

/** One served request. `body` is the request body exactly as received (for leak scans). */
export interface RecordedUnkeyRequest {
  method: string;
  path: string;
  /** The operationId, or undefined for an unknown route. */
  op: string | undefined;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  /** When the request arrived, Unix ms on the emulator clock (to check backoff and Retry-After). */
  at: number;
  body: string;
}

/** Largest request body the emulator reads. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** Dependencies of the request handler. */
export interface PipelineDeps {
  state: UnkeyState;
  contract: UnkeyContract;
  validator: ContractValidator;
  authenticator: Authenticator;
  routes: Record<string, Handler>;
  faults: UnkeyFaults;
  violations: string[];
  requests: RecordedUnkeyRequest[];
  /** Whether a draft operation is served (off: it answers 404 like an unknown route). */
  upcoming: (op: string) => boolean;
  latencyMs: number;
}

const ROUTE_NOT_FOUND = new UnkeyHttpError(
  404,
  ERROR_TYPES.routeNotFound,
  'The requested route does not exist.',
);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BODY_BYTES)
      throw new UnkeyHttpError(413, ERROR_TYPES.invalidInput, 'The request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function operationFor(deps: PipelineDeps, method: string, path: string): string | undefined {
  for (const [operationId, where] of deps.contract.paths)
    if (where.path === path && where.method === method) return operationId;
  return undefined;
}

/** Serves one request. */
export async function handleRequest(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = new URL(req.url ?? '/', 'http://emulator').pathname;
  const requestId = newId('req');
  const at = deps.state.now();
  const where = `${method} ${path}`;
  let op = operationFor(deps, method, path);
  let raw = '';
  let reply: Reply;
  let drop = false;
  try {
    raw = await readBody(req);
    if (op !== undefined && deps.contract.upcoming.has(op) && !deps.upcoming(op)) {
      // Switched off: answer like today's published Unkey, which has no such route.
      op = undefined;
      throw ROUTE_NOT_FOUND;
    }
    if (op === undefined || (op !== 'liveness' && !deps.routes[op])) {
      deps.violations.push(
        `${where}: ${op === undefined ? 'no such route in the contract' : `emulator does not serve ${op}`}`,
      );
      op = undefined;
      throw ROUTE_NOT_FOUND;
    }
    for (const fault of deps.faults.take(op)) {
      if (fault.kind === 'latency')
        await (fault.until ? fault.until.catch(() => undefined) : sleep(fault.ms ?? 100));
      else if (fault.kind === 'drop-after-apply') drop = true;
      else if (fault.kind === 'server-error')
        throw new UnkeyHttpError(
          fault.status ?? 500,
          ERROR_TYPES.unexpected,
          'An unexpected error occurred (injected fault).',
        );
      else if (fault.kind === 'forbidden')
        throw new UnkeyHttpError(403, ERROR_TYPES.forbidden, fault.detail ?? 'Forbidden');
      else if (fault.kind === 'unknown-error')
        throw new UnkeyHttpError(
          fault.status ?? 403,
          fault.type ?? `${ERROR_TYPES.forbidden.replace(/forbidden$/, 'not_yet_known')}`,
          fault.detail ?? 'A reason this emulator does not name (injected fault).',
        );
      else {
        reply = {
          ...new UnkeyHttpError(
            429,
            ERROR_TYPES.tooManyRequests,
            'Too many requests (injected fault).',
          ).toReply(),
          headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
        };
        return;
      }
    }
    if (deps.latencyMs > 0) await sleep(deps.latencyMs);
    reply =
      op === 'liveness'
        ? { status: 200, body: { data: { message: 'OK' } } }
        : serve(deps, op, where, raw, req);
  } catch (error) {
    if (error instanceof UnkeyHttpError) reply = error.toReply();
    else if (req.destroyed && !res.headersSent) {
      // The client went away mid-request (its timeout): nothing to answer, not a violation.
      drop = true;
    } else {
      deps.violations.push(`${where}: emulator error: ${(error as Error).message}`);
      reply = new UnkeyHttpError(500, ERROR_TYPES.unexpected, 'An unexpected error occurred.').toReply();
    }
  } finally {
    deps.requests.push({ method, path, op, status: drop ? 0 : reply!.status, at, body: raw });
    if (drop) req.socket.destroy();
    else send(deps, res, op, reply!, requestId, where);
  }
}

function serve(deps: PipelineDeps, op: string, where: string, raw: string, req: IncomingMessage): Reply {
  let body: Json | undefined;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw) as Json;
    } catch {
      deps.violations.push(`${where}: request body is not JSON`);
      throw new UnkeyHttpError(400, ERROR_TYPES.invalidInput, 'The request body is not valid JSON.', [
        { location: 'body', message: 'not JSON' },
      ]);
    }
  }
  const problems = deps.validator.validateRequest(op, body);
  if (problems.length > 0) {
    for (const problem of problems) deps.violations.push(`${where}: ${problem}`);
    throw new UnkeyHttpError(
      400,
      ERROR_TYPES.invalidInput,
      'The request does not match the API description.',
      problems.map((message) => ({ location: message.split(' ')[0] ?? 'body', message })),
    );
  }
  const caller = deps.authenticator.authenticate(req.headers.authorization);
  return deps.routes[op]!({ state: deps.state, body, caller });
}

function send(
  deps: PipelineDeps,
  res: ServerResponse,
  op: string | undefined,
  reply: Reply,
  requestId: string,
  where: string,
): void {
  const body = { meta: { requestId }, ...reply.body };
  const contentType = op === undefined ? 'application/json' : deps.validator.contentType(op, reply.status);
  // Unknown routes have no contract to check against.
  if (op !== undefined)
    for (const problem of deps.validator.validateResponse(op, reply.status, body as Json, contentType))
      deps.violations.push(`${where}: emulator response ${reply.status}: ${problem}`);
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(reply.status, {
    'content-type': contentType,
    'content-length': String(payload.length),
    'unkey-request-id': requestId,
    ...reply.headers,
  });
  res.end(payload);
}
