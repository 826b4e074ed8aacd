import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useHarness } from '../integration/harness.js';
import { freePort } from '../support/redis-server.js';
import {
  assertBuiltCliFresh,
  killAllWorkerProcesses,
  startWorkerProcess,
  type WorkerProcess,
} from '../support/worker-process.js';

const h = useHarness(1617);

describe('a `rootguard worker` process answers its probes and /metrics on its own port', () => {
  let worker: WorkerProcess;
  let url: string;
  beforeAll(async () => {
    assertBuiltCliFresh();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    worker = startWorkerProcess({ env: { ...h.env, ROOTGUARD_HEALTH_PORT: String(port) } });
  });
  afterAll(async () => {
    await killAllWorkerProcesses();
  });

  it('on loopback by default: /livez, /readyz with each check, /metrics with its queues', async () => {
    await expect
      .poll(async () => (await fetch(`${url}/livez`).catch(() => undefined))?.status, { timeout: 20_000 })
      .toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { redis: { state: 'ok' }, 'github-app': { state: 'ok' }, 'unkey-responder': { state: 'ok' } },
    });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/^rootguard_queue_jobs\{queue="playbook",state="waiting"\} \d+$/m);
    expect(text).toContain('# TYPE rootguard_job_failures_total counter');
    // No board on a worker, whatever the environment says.
    expect((await fetch(`${url}/admin/queues`)).status).toBe(404);
    // Loopback only: the host's other addresses do not answer.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
    if (external !== undefined) {
      const port = new URL(url).port;
      await expect(fetch(`http://${external.address}:${port}/livez`)).rejects.toThrow();
    }
    expect(worker.hasExited()).toBe(false);
  });
});
