import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { ADMIN_CHALLENGE, hasAdminToken } from './admin-auth.js';
import { MaskedQueueAdapter } from './masked-queue-adapter.js';

/** Where the board is served on `serve`'s port. */
export const ADMIN_PATH = '/admin/queues';

/** Options of {@link adminBoard}. */
export interface AdminBoardOptions {
  /** `ROOTGUARD_ADMIN_TOKEN`: the bearer token, or basic auth's password. */
  readonly token: string;
  /** `ROOTGUARD_ADMIN_WRITE=1`: retry, remove, pause, clean. @defaultValue false (read-only) */
  readonly write?: boolean;
  readonly queues: readonly Queue[];
}

/** Answers a request under {@link ADMIN_PATH}; returns whether it did. */
export type AdminHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Bull Board on a plain `node:http` server: its Express adapter's router, reached only with the
 * admin token (401 with a basic-auth challenge otherwise), every queue read-only unless `write`,
 * and every job shown through `MaskedQueueAdapter`.
 */
export function adminBoard(options: AdminBoardOptions): AdminHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(ADMIN_PATH);
  createBullBoard({
    queues: options.queues.map(
      (queue) => new MaskedQueueAdapter(queue, { readOnly: options.write !== true }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'rootguard queues' } },
  });
  const router = serverAdapter.getRouter() as (
    req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
  return (req, res) => {
    const url = req.url ?? '';
    if (url !== ADMIN_PATH && !url.startsWith(`${ADMIN_PATH}/`) && !url.startsWith(`${ADMIN_PATH}?`))
      return false;
    if (!hasAdminToken(req, options.token)) {
      res
        .writeHead(401, { 'www-authenticate': ADMIN_CHALLENGE, 'content-type': 'text/plain' })
        .end('the admin token is required\n');
      return true;
    }
    // The router is written to be mounted at the base path: it sees the rest of the URL.
    req.url = url.slice(ADMIN_PATH.length) || '/';
    router(req, res, (error) => {
      if (res.headersSent) return void res.end();
      res
        .writeHead(error === undefined ? 404 : 500, { 'content-type': 'text/plain' })
        .end(error === undefined ? 'not found\n' : 'internal error\n');
    });
    return true;
  };
}
