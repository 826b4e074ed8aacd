// One post to an incoming webhook: latency → method → webhook lookup → faults → JSON → text and
// blocks → record. Answers are Slack's: a status and a short plain-text body (`ok`, or the error).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { blockKitProblems } from './block-kit.js';
import type { SlackFaultRule, SlackFaults } from './faults.js';
import type { WebhookUrls } from './webhook-urls.js';

/** A message Slack accepted. */
export interface SlackMessageRecord {
  readonly channel: string;
  /** When it arrived (ISO 8601). */
  readonly receivedAt: string;
  /** The parsed JSON body. */
  readonly payload: unknown;
  /** The top-level `text` ('' when the message has blocks only). */
  readonly text: string;
}

/** One request, with its raw body (tests scan these for secrets). */
export interface SlackRequestRecord {
  readonly path: string;
  readonly status: number;
  readonly body: string;
}

/** What the handler reads and writes. */
export interface SlackPipelineDeps {
  urls: WebhookUrls;
  faults: SlackFaults;
  messages: SlackMessageRecord[];
  requests: SlackRequestRecord[];
  violations: string[];
  latencyMs: number;
  now: () => Date;
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** The seconds a rate-limited answer asks the client to wait, unless the rule says. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

function faultAnswer(rule: SlackFaultRule): Answer {
  switch (rule.kind) {
    case 'not-found':
      return { status: 404, body: 'no_service' };
    case 'gone':
      return { status: 410, body: 'channel_is_archived' };
    case 'rate-limited':
      return {
        status: 429,
        body: 'rate_limited',
        headers: { 'retry-after': String(rule.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS) },
      };
    case 'server-error':
      return { status: 500, body: 'rollup_error' };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Decides the answer to one post, recording accepted messages and violations. */
function answer(deps: SlackPipelineDeps, req: IncomingMessage, path: string, raw: string): Answer {
  const channel = deps.urls.channelOf(path);
  if (channel === undefined) return { status: 404, body: 'no_service' };
  const violation = (problem: string) => deps.violations.push(`#${channel}: ${problem}`);
  if (req.method !== 'POST') {
    violation(`${req.method ?? '?'} instead of POST`);
    return { status: 405, body: 'invalid_method' };
  }
  const fault = deps.faults.take(channel);
  if (fault) return faultAnswer(fault);
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    violation(`content-type ${req.headers['content-type'] ?? '(none)'} instead of application/json`);
    return { status: 400, body: 'invalid_payload' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    violation('the body is not JSON');
    return { status: 400, body: 'invalid_payload' };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    violation('the body is not a JSON object');
    return { status: 400, body: 'invalid_payload' };
  }
  const message = payload as Record<string, unknown>;
  const text = typeof message['text'] === 'string' ? message['text'] : '';
  const blocks = message['blocks'];
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (text === '' && !hasBlocks) return { status: 400, body: 'no_text' };
  if (blocks !== undefined) {
    const problems = blockKitProblems(blocks);
    if (problems.length > 0) {
      for (const problem of problems) violation(problem);
      return { status: 400, body: 'invalid_blocks' };
    }
  }
  // Slack accepts it, but notifications and screen readers then have nothing to show.
  if (hasBlocks && text === '') violation('blocks without a top-level text (the notification fallback)');
  deps.messages.push({ channel, receivedAt: deps.now().toISOString(), payload, text });
  return { status: 200, body: 'ok' };
}

/** Serves one request. */
export async function handleRequest(
  deps: SlackPipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const raw = await readBody(req);
  if (deps.latencyMs > 0) await sleep(deps.latencyMs);
  const reply = answer(deps, req, path, raw);
  deps.requests.push({ path, status: reply.status, body: raw });
  res.writeHead(reply.status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(reply.body)),
    ...reply.headers,
  });
  res.end(reply.body);
}
