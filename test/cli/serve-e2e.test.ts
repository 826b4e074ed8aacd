import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../emulators/github/deliver-webhook.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { Redis } from 'ioredis';
import { freePort } from '../support/redis-server.js';

const BIN = fileURLToPath(new URL('../../bin/rootguard.js', import.meta.url));

function runBin(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    exit: once(child, 'exit') as Promise<[number | null, string | null]>,
  };
}

describe('rootguard serve (its own process)', () => {
  let emulator: GitHubEmulator;
  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    emulator.addInstallation({ id: 9, account: { login: 'acme' } });
    await emulator.createRepository('acme/svc', { installationId: 9 });
  });
  afterAll(() => emulator.close());

  it('stops at start-up with one sentence naming a missing setting', async () => {
    const run = runBin(['serve'], { WEBHOOK_SECRET: 'x', PRIVATE_KEY: emulator.privateKeyPem });
    const [code] = await run.exit;
    expect(code).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rootguard: error: APP_ID /);
    expect(run.stderr()).not.toContain('PRIVATE KEY');
  });

  it('receives a signed webhook, scans it, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const secret = `s-${randomUUID()}`;
    const prefix = `rg-e2e-${randomUUID().slice(0, 8)}`;
    const run = runBin(['serve'], {
      APP_ID: String(emulator.appId),
      PRIVATE_KEY: emulator.privateKeyPem,
      WEBHOOK_SECRET: secret,
      GITHUB_API_URL: emulator.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ROOTGUARD_PREFIX: prefix,
      ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
    });
    await expect.poll(() => run.stderr(), { timeout: 15_000 }).toContain('receiving webhooks at');
    const before = (await emulator.commit('acme/svc', 'main', { 'a.md': 'a\n' }))!;
    const after = await emulator.commit('acme/svc', 'main', { 'b.md': 'b\n' });
    const payload = await pushPayload(emulator, { repo: 'acme/svc', branch: 'main', before, after });
    const result = await deliverWebhook({
      url: `http://127.0.0.1:${port}/api/github/webhooks`,
      secret,
      event: 'push',
      payload,
    });
    expect(result.status).toBe(200);
    await expect
      .poll(() => emulator.checkRuns('acme/svc').at(-1)?.conclusion, { timeout: 20_000 })
      .toBe('success');
    run.child.kill('SIGTERM');
    const [code] = await run.exit;
    expect(code).toBe(0);
    expect(run.stderr()).toContain('SIGTERM');
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();
  });
});
