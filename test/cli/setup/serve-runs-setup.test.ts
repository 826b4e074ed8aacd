// `rootguard serve` in a terminal with no App configured runs setup first, then starts with the
// App it wrote: its own process under a pseudo-terminal (`script`, util-linux), the page driven
// in headless Chromium against the GitHub emulator, and a webhook signed with the written secret.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { Redis } from 'ioredis';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../../emulators/github/deliver-webhook.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../emulators/github/github-emulator.js';
import { pushPayload } from '../../../emulators/github/webhook-payloads.js';
import { freePort } from '../../support/redis-server.js';
import { makeTree } from '../harness.js';

const BIN = fileURLToPath(new URL('../../../bin/rootguard.js', import.meta.url));

describe('rootguard serve with no App configured', () => {
  let emulator: GitHubEmulator;
  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    emulator.addInstallation({ id: 11, account: { login: 'acme' } });
    await emulator.createRepository('acme/svc', { installationId: 11 });
  });
  afterAll(() => emulator.close());

  it('runs setup in the terminal, then receives webhooks signed with the secret it wrote', async () => {
    const cwd = makeTree();
    const port = await freePort();
    const prefix = `rg-test-setup-${randomBytes(4).toString('hex')}`;
    // `script` gives serve a terminal (stdin is a TTY), as when a person runs it.
    const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} serve`, '/dev/null'], {
      cwd,
      env: {
        PATH: process.env['PATH'] ?? '',
        GITHUB_API_URL: emulator.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ROOTGUARD_PREFIX: prefix,
        ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    });
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain(`open http://127.0.0.1:${port}/`);
      expect(output).toContain('no GitHub App is configured');
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.fill('#name', `rootguard-${randomBytes(4).toString('hex')}`);
      await page.fill('#webhook_url', 'https://smee.io/rg-test-serve-setup');
      await page.click('#register');
      await page.waitForSelector('#hook-url');
      await page.click('button[type=submit]');
      await page.waitForSelector('#done');
      await expect.poll(() => output, { timeout: 20_000 }).toContain('receiving webhooks at');

      const written = parseEnv(readFileSync(join(cwd, '.env'), 'utf8'));
      const app = emulator.createdApps.at(-1)!;
      expect(written['APP_ID']).toBe(String(app.id));
      const before = await emulator.commit('acme/svc', 'main', { 'a.md': 'a\n' });
      const after = await emulator.commit('acme/svc', 'main', { 'b.md': 'b\n' });
      const payload = await pushPayload(emulator, { repo: 'acme/svc', branch: 'main', before, after });
      const url = `http://127.0.0.1:${port}/api/github/webhooks`;
      const signed = await deliverWebhook({
        url,
        secret: written['WEBHOOK_SECRET']!,
        event: 'push',
        payload,
      });
      expect(signed.status).toBe(200);
      const forged = await deliverWebhook({ url, secret: 'not-the-secret', event: 'push', payload });
      expect(forged.status).not.toBe(200);
      expect(output).not.toContain(app.webhookSecret);
      expect(output).not.toContain('PRIVATE KEY');
    } finally {
      await browser.close();
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
      const redis = new Redis('redis://127.0.0.1:6379');
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});
