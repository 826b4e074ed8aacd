// `rootguard setup` driven in headless Chromium against the GitHub emulator's manifest flow: the
// user fills the local page, is sent to the emulator's "Create GitHub App" page, clicks the
// button, and comes back; the .env file then holds what the emulator issued, mode 0600.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../emulators/github/github-emulator.js';
import { createProbot } from '../../../src/app/create-probot.js';
import type { CliIo } from '../../../src/cli/cli-io.js';
import { main } from '../../../src/cli/main.js';
import { loadEnvConfig } from '../../../src/config/env-config.js';
import { makeTree } from '../harness.js';

/** Debian's Chromium, which `.ci/run` installs: no download, and no skipping when it is missing. */
const CHROMIUM = '/usr/bin/chromium';
const PROXY_CHANNEL = 'https://smee.io/rg-test-setup-channel';

interface SetupRun {
  /** The setup page's address, once it listens. */
  readonly url: Promise<string>;
  readonly done: Promise<number>;
  stderr(): string;
}

/** Runs `rootguard setup ARGS` in-process in `cwd`, against the emulator as the GitHub host. */
function runSetup(emulator: GitHubEmulator, cwd: string, args: readonly string[] = []): SetupRun {
  let stderr = '';
  let announce!: (url: string) => void;
  const url = new Promise<string>((resolve) => (announce = resolve));
  const io: CliIo = {
    stdin: (async function* () {})(),
    stdout: { write: () => true },
    stderr: {
      write: (text: string) => {
        stderr += text;
        const match = /open (http:\/\/127\.0\.0\.1:[0-9]+\/)/.exec(text);
        if (match) announce(match[1]!);
        return true;
      },
    },
    cwd,
    env: {},
  };
  const done = main(
    ['setup', '--github-url', emulator.url, '--github-api-url', emulator.url, '--port', '0', ...args],
    io,
  );
  // A run that fails before it listens must not leave the test waiting for the address.
  void done.then(() => announce(''));
  return { url, done, stderr: () => stderr };
}

/** What the user does: fill the form, go to GitHub, click "Create GitHub App". */
async function registerApp(page: Page, setupUrl: string, name: string): Promise<void> {
  await page.goto(setupUrl);
  await page.fill('#name', name);
  await page.fill('#webhook_url', PROXY_CHANNEL);
  await page.click('#register');
  // The emulator's "Create GitHub App" page shows what the manifest asks for.
  await page.waitForSelector('#hook-url');
  await page.click('button[type=submit]');
  await page.waitForSelector('#done');
}

describe('rootguard setup in a browser', () => {
  let emulator: GitHubEmulator;
  let browser: Browser;
  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    emulator.addInstallation({ id: 7, account: { login: 'acme' } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('creates the App on GitHub and writes its credentials to .env with mode 0600', async () => {
    const cwd = makeTree();
    const run = runSetup(emulator, cwd);
    const page = await browser.newPage();
    const name = `rootguard-${randomBytes(4).toString('hex')}`;
    await page.goto(await run.url);
    await page.fill('#name', name);
    await page.fill('#webhook_url', PROXY_CHANNEL);
    await page.click('#register');
    // On the emulator's page (the manifest posted by the page's script): from app.yml, with setup's webhook URL.
    await page.waitForSelector('#hook-url');
    expect(new URL(page.url()).origin).toBe(emulator.url);
    expect(new URL(page.url()).pathname).toBe('/settings/apps/new');
    expect(await page.textContent('#hook-url')).toBe(PROXY_CHANNEL);
    const permissions = await page.locator('#permissions li').allTextContents();
    expect(permissions).toContain('secrets: write');
    expect(permissions).toContain('contents: read');
    expect(await page.locator('#events li').allTextContents()).toContain('push');
    await page.click('button[type=submit]');
    await page.waitForSelector('#done');
    expect(page.url().startsWith(await run.url)).toBe(true);
    expect(await run.done).toBe(0);

    const [app] = emulator.createdApps;
    expect(app?.slug).toBe(name);
    expect(app?.manifest.public).toBe(false);
    expect(app?.manifest.redirectUrl).toBe(`${await run.url}callback`);
    const envPath = join(cwd, '.env');
    expect(statSync(envPath).mode & 0o777).toBe(0o600);
    const written = parseEnv(readFileSync(envPath, 'utf8'));
    expect(written['APP_ID']).toBe(String(app!.id));
    expect(written['PRIVATE_KEY']).toBe(app!.privateKeyPem.trim());
    expect(written['WEBHOOK_SECRET']).toBe(app!.webhookSecret);
    expect(written['ROOTGUARD_APP_SLUG']).toBe(name);
    expect(written['GITHUB_CLIENT_ID']).toBe(app!.clientId);
    expect(written['GITHUB_CLIENT_SECRET']).toBe(app!.clientSecret);
    expect(written['GITHUB_API_URL']).toBe(emulator.url);
    // The terminal names the variables, never their values.
    for (const secret of [app!.webhookSecret, app!.clientSecret, 'PRIVATE KEY'])
      expect(run.stderr()).not.toContain(secret);
    expect(await page.content()).not.toContain(app!.webhookSecret);

    // The created App works: rootguard's own config loader and Probot authenticate as it.
    const config = loadEnvConfig({ ...written }, 'serve');
    const probot = createProbot({
      appId: config.appId,
      privateKey: config.privateKey.reveal(),
      githubApiUrl: config.githubApiUrl,
      log: pino({ level: 'silent' }),
    });
    const { data } = await (await probot.auth()).request('GET /app');
    expect(data?.slug).toBe(name);
    expect(emulator.violations).toEqual([]);
    await page.close();
  });

  it('refuses a redirect whose state this setup did not issue, and keeps waiting for its own', async () => {
    const cwd = makeTree();
    const run = runSetup(emulator, cwd);
    const page = await browser.newPage();
    const setupUrl = await run.url;
    const conversionsBefore = emulator.requests.filter((r) => r.path.startsWith('/app-manifests/')).length;
    const forged = await page.goto(
      `${setupUrl}callback?code=abc123&state=${randomBytes(32).toString('hex')}`,
    );
    expect(forged?.status()).toBe(400);
    expect(await page.textContent('#error')).toContain('state does not match');
    expect(emulator.requests.filter((r) => r.path.startsWith('/app-manifests/')).length).toBe(
      conversionsBefore,
    );
    expect(existsSync(join(cwd, '.env'))).toBe(false);

    // The setup is still there: the user's own round trip completes it, and its state works once.
    await registerApp(page, setupUrl, `rootguard-${randomBytes(4).toString('hex')}`);
    expect(await run.done).toBe(0);
    expect(statSync(join(cwd, '.env')).mode & 0o777).toBe(0o600);
    await page.close();
  });

  it('refuses to replace the App an existing .env configures, before anything is served', async () => {
    const before = 'LOG_LEVEL=debug\nAPP_ID=12\nWEBHOOK_SECRET=old\n';
    const cwd = makeTree({ '.env': before });
    const run = runSetup(emulator, cwd);
    expect(await run.done).toBe(2);
    expect(run.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(
        /^rootguard: error: .*\.env" already configures a GitHub App \(APP_ID, WEBHOOK_SECRET\); .*--force/,
      ),
    ]);
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe(before);
  });

  it('with --force replaces it for an organization, keeping the file’s other lines', async () => {
    const cwd = makeTree();
    writeFileSync(
      join(cwd, '.env'),
      'LOG_LEVEL=debug\nAPP_ID=12\nPRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\nold\n-----END RSA PRIVATE KEY-----"\n',
      {
        mode: 0o644,
      },
    );
    const run = runSetup(emulator, cwd, ['--force', '--org', 'acme']);
    const page = await browser.newPage();
    const name = `rootguard-${randomBytes(4).toString('hex')}`;
    await page.goto(await run.url);
    expect(await page.inputValue('#org')).toBe('acme');
    await registerApp(page, await run.url, name);
    expect(await run.done).toBe(0);
    const app = emulator.createdApps.find((a) => a.slug === name)!;
    expect(app.owner).toMatchObject({ login: 'acme', type: 'Organization' });
    const text = readFileSync(join(cwd, '.env'), 'utf8');
    expect(statSync(join(cwd, '.env')).mode & 0o777).toBe(0o600);
    expect(text).not.toContain('\nold\n');
    const written = parseEnv(text);
    expect(written['LOG_LEVEL']).toBe('debug');
    expect(written['APP_ID']).toBe(String(app.id));
    expect(written['PRIVATE_KEY']).toBe(app.privateKeyPem.trim());
    await page.close();
  });
});
