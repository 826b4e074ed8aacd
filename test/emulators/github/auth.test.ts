import { afterEach, describe, expect, it } from 'vitest';
import { INSTALLATION_ID, REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('GitHub emulator: App auth', () => {
  let fx: EmulatorFixture;
  afterEach(async () => {
    await fx.emulator.close();
  });

  it('issues installation tokens for an RS256 App JWT and accepts them', async () => {
    fx = await startFixture();
    expect(fx.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    const { data } = await fx.octokit.rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(data).toMatchObject({ full_name: REPO, private: false, default_branch: 'main' });
    expect(fx.emulator.violations).toEqual([]);
  });

  it('answers 401 without a token, with a wrong token, and with a JWT signed by another key', async () => {
    fx = await startFixture();
    const noToken = await fetch(`${fx.emulator.url}/repos/acme/app`);
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('x-github-request-id')).toBeTruthy();
    expect(noToken.headers.get('x-ratelimit-remaining')).toBeTruthy();
    const wrong = await fetch(`${fx.emulator.url}/repos/acme/app`, {
      headers: { authorization: 'token ghs_nope' },
    });
    expect(wrong.status).toBe(401);
    const { generateKeyPairSync, sign } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = Math.floor(Date.now() / 1000);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: now - 60, exp: now + 500, iss: fx.emulator.appId })}`;
    const jwt = `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
    const forged = await fetch(`${fx.emulator.url}/app/installations/${INSTALLATION_ID}/access_tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(forged.status).toBe(401);
    // An installation token is not an App JWT.
    const tokenAsJwt = await fetch(`${fx.emulator.url}/app/installations/${INSTALLATION_ID}`, {
      headers: { authorization: `Bearer ${fx.token}` },
    });
    expect(tokenAsJwt.status).toBe(401);
    expect(fx.emulator.violations).toEqual([]);
  });

  it('expires tokens after an hour of emulator time', async () => {
    // The JWT is signed with the real clock, so the emulator clock starts there.
    let offsetMs = 0;
    fx = await startFixture({ now: () => new Date(Date.now() + offsetMs) });
    expect((await fx.octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).status).toBe(200);
    offsetMs = 60 * 60 * 1000 + 1000;
    await expect(fx.octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toMatchObject({
      status: 401,
    });
  });

  it('answers the installation endpoints for the App JWT', async () => {
    fx = await startFixture();
    const { ProbotOctokit } = await import('probot');
    const app = new ProbotOctokit({
      baseUrl: fx.emulator.url,
      auth: { appId: fx.emulator.appId, privateKey: fx.emulator.privateKeyPem },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const { data: byRepo } = await app.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'app' });
    expect(byRepo).toMatchObject({
      id: INSTALLATION_ID,
      app_id: fx.emulator.appId,
      account: { login: 'acme' },
    });
    const { data: byId } = await app.rest.apps.getInstallation({ installation_id: INSTALLATION_ID });
    expect(byId.id).toBe(INSTALLATION_ID);
    await expect(app.rest.apps.getInstallation({ installation_id: 999 })).rejects.toMatchObject({
      status: 404,
    });
    expect(fx.emulator.violations).toEqual([]);
  });

  it('finds the installation of a repository and hides repositories of other installations', async () => {
    fx = await startFixture();
    fx.emulator.addInstallation({ id: 88, account: { login: 'other' } });
    await fx.emulator.createRepository('other/secret', { installationId: 88, private: true });
    await expect(fx.octokit.rest.repos.get({ owner: 'other', repo: 'secret' })).rejects.toMatchObject({
      status: 404,
    });
    expect(fx.emulator.violations).toEqual([]);
  });
});
