import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthPortError } from '../../src/observe/errors.js';
import { listenHealthServer } from '../../src/observe/health-server.js';
import { observeRoutes } from '../../src/observe/observe-routes.js';
import type { ReadinessCheck } from '../../src/observe/readiness.js';
import { RootguardMetrics } from '../../src/observe/rootguard-metrics.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const metrics = () => new RootguardMetrics({ steps: ['verify'], queues: ['scan'], processMetrics: false });

async function serve(checks: ReadinessCheck[], m = metrics()): Promise<string> {
  const routes = observeRoutes({ metrics: m, checks, role: 'worker' });
  const health = await listenHealthServer(routes, { port: 0, host: '127.0.0.1' });
  closers.push(() => health.close());
  return health.url;
}

describe('observeRoutes on a worker health server', () => {
  it('answers /livez even when a readiness check fails, and /readyz 503 naming the failing check', async () => {
    const url = await serve([
      { name: 'redis', run: async () => ({ state: 'ok' }) },
      { name: 'github-app', run: async () => ({ state: 'failing', detail: 'GitHub answered 401' }) },
    ]);
    expect((await fetch(`${url}/livez`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not-ready',
      checks: { redis: { state: 'ok' }, 'github-app': { state: 'failing', detail: 'GitHub answered 401' } },
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
  });

  it('serves /metrics in Prometheus text, refuses other methods, and 404s the rest', async () => {
    const m = metrics();
    m.stepFinished('verify', 'done');
    m.stepFinished('a-step-nobody-named', 'exploded');
    const url = await serve([], m);
    const answer = await fetch(`${url}/metrics`);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    expect(text).toContain('rootguard_playbook_steps_total{step="verify",outcome="done"} 1');
    expect(text).toContain('rootguard_playbook_steps_total{step="other",outcome="other"} 1');
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${url}/admin/queues`)).status).toBe(404);
  });

  it('leaves other paths to the server it is part of', async () => {
    const routes = observeRoutes({ metrics: metrics(), checks: [], role: 'serve' });
    const server: Server = createServer((req, res) => {
      if (!routes(req, res)) res.writeHead(418).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${url}/api/github/webhooks`)).status).toBe(418);
    expect(await (await fetch(`${url}/livez`)).json()).toEqual({ status: 'alive', role: 'serve' });
  });

  it('refuses a taken port with one sentence naming the settings to change', async () => {
    const routes = observeRoutes({ metrics: metrics(), checks: [], role: 'worker' });
    const first = await listenHealthServer(routes, { port: 0, host: '127.0.0.1' });
    closers.push(() => first.close());
    const error = await listenHealthServer(routes, { port: first.port, host: '127.0.0.1' }).catch((e) => e);
    expect(error).toBeInstanceOf(HealthPortError);
    expect(error.message).toContain('EADDRINUSE');
    expect(error.message).toContain('ROOTGUARD_HEALTH_PORT');
  });
});
