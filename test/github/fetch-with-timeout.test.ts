import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProbot } from '../../src/app/create-probot.js';
import { fetchWithTimeout } from '../../src/github/fetch-with-timeout.js';
import { createLogger } from '../../src/log/create-logger.js';

const open: ServerResponse[] = [];
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  for (const res of open.splice(0)) res.destroy();
  await close?.();
});

/** A server that answers `/slow-body` with headers and half a body, and anything else never. */
async function hungServer(): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    open.push(res);
    if (req.url?.endsWith('/slow-body')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"a":');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('fetchWithTimeout', () => {
  it('aborts a request that gets no answer, and one whose body stalls', async () => {
    const url = await hungServer();
    const timed = fetchWithTimeout(150);
    await expect(timed(`${url}/never`)).rejects.toMatchObject({ name: 'TimeoutError' });
    const response = await timed(`${url}/slow-body`);
    await expect(response.text()).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it("keeps the caller's own signal", async () => {
    const url = await hungServer();
    const controller = new AbortController();
    const pending = fetchWithTimeout(60_000)(`${url}/never`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("is the fetch of Probot's Octokit: a hung GitHub request fails instead of hanging", async () => {
    const url = await hungServer();
    const probot = createProbot({
      appId: 1,
      privateKey: generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs1', format: 'pem' })
        .toString(),
      githubApiUrl: url,
      log: createLogger({ level: 'silent' }),
      requestTimeoutMs: 150,
    });
    const app = await probot.auth();
    // Probot's retry plugin may try again; each try is bounded, so the call ends with an error.
    await expect(app.request('GET /app', { request: { retries: 0 } })).rejects.toThrow();
    expect(open.length).toBeGreaterThanOrEqual(1);
  });
});
