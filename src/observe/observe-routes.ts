import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkReadiness, type ReadinessCheck } from './readiness.js';
import type { RootguardMetrics } from './rootguard-metrics.js';

/** The paths {@link observeRoutes} answers. `/healthz` is `/readyz` under its old name. */
export const OBSERVE_PATHS = ['/livez', '/readyz', '/healthz', '/metrics'] as const;

/** What {@link observeRoutes} answers from. */
export interface ObserveRoutesOptions {
  readonly metrics: RootguardMetrics;
  /** `/readyz`'s checks. */
  readonly checks: readonly ReadinessCheck[];
  /** The process's role, named in `/livez`. */
  readonly role: 'serve' | 'worker';
}

/** Answers a request if it is one of {@link OBSERVE_PATHS}; returns whether it did. */
export type ObserveHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The probes and the metrics of a process: `GET /livez` (the process answers: always 200),
 * `GET /readyz` and its alias `/healthz` (200 when no check fails, else 503; the body names each
 * check and its state, never a secret), `GET /metrics` (Prometheus text). Other methods on these
 * paths get 405; any other path is left to the caller.
 */
export function observeRoutes(options: ObserveRoutesOptions): ObserveHandler {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!(OBSERVE_PATHS as readonly string[]).includes(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return true;
    }
    const fail = () => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    };
    if (path === '/livez') {
      res.writeHead(200, { 'content-type': JSON_TYPE, 'cache-control': 'no-store' });
      res.end(`${JSON.stringify({ status: 'alive', role: options.role })}\n`);
    } else if (path === '/metrics') {
      options.metrics.render().then(({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
      }, fail);
    } else {
      checkReadiness(options.checks).then((report) => {
        res.writeHead(report.ready ? 200 : 503, { 'content-type': JSON_TYPE, 'cache-control': 'no-store' });
        res.end(
          `${JSON.stringify({ status: report.ready ? 'ready' : 'not-ready', checks: report.checks })}\n`,
        );
      }, fail);
    }
    return true;
  };
}
