import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALLATION_ID, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const MANIFEST = {
  name: 'rg-manifest-test',
  url: 'https://example.com/rootguard',
  hook_attributes: { url: 'https://smee.io/rg-manifest-test', active: true },
  redirect_url: 'http://127.0.0.1:9/callback',
  public: false,
  default_events: ['push', 'issue_comment'],
  default_permissions: { contents: 'read', issues: 'write' },
};

/** Posts a manifest as the setup page's form does; returns the page's status and HTML. */
async function postManifest(url: string, manifest: unknown, path = '/settings/apps/new?state=s1') {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ manifest: JSON.stringify(manifest) }),
  });
  return { status: response.status, html: await response.text() };
}

/** Clicks "Create GitHub App" on the page `html` shows, under `name`. */
async function create(url: string, html: string, name: string, org?: string) {
  const pending = /name="pending" value="([0-9a-f]+)"/.exec(html)![1]!;
  const path =
    org === undefined ? '/settings/apps/new/create' : `/organizations/${org}/settings/apps/new/create`;
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pending, name }),
    redirect: 'manual',
  });
}

describe('GitHub emulator: the App manifest flow', () => {
  let fx: EmulatorFixture;
  afterEach(async () => {
    await fx.emulator.close();
  });

  it('redirects with a code and the state; the code converts once into a working App', async () => {
    fx = await startFixture();
    const page = await postManifest(fx.emulator.url, MANIFEST);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Create GitHub App');
    const created = await create(fx.emulator.url, page.html, 'rg-manifest-test');
    expect(created.status).toBe(302);
    const location = new URL(created.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(MANIFEST.redirect_url);
    expect(location.searchParams.get('state')).toBe('s1');
    const code = location.searchParams.get('code')!;

    const octokit = new ProbotOctokit({
      baseUrl: fx.emulator.url,
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const { data, status } = await octokit.request('POST /app-manifests/{code}/conversions', { code });
    expect(status).toBe(201);
    expect(data).toMatchObject({ slug: 'rg-manifest-test', events: ['push', 'issue_comment'] });
    await expect(octokit.request('POST /app-manifests/{code}/conversions', { code })).rejects.toMatchObject({
      status: 404,
    });

    // Its id and key authenticate; it has no installation of its own.
    const app = new ProbotOctokit({
      baseUrl: fx.emulator.url,
      auth: { appId: data.id, privateKey: data.pem },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const { data: self } = await app.request('GET /app');
    expect(self).toMatchObject({ id: data.id, slug: 'rg-manifest-test', installations_count: 0 });
    await expect(
      app.request('GET /app/installations/{installation_id}', { installation_id: INSTALLATION_ID }),
    ).rejects.toMatchObject({ status: 404 });
    // The seeded App is not changed by it.
    expect(fx.token).toMatch(/^ghs_/);
    expect(fx.emulator.violations).toEqual([]);
  });

  it('refuses what GitHub refuses: no homepage, an event without its permission, a taken name', async () => {
    fx = await startFixture();
    const bad = await postManifest(fx.emulator.url, {
      ...MANIFEST,
      url: undefined,
      default_events: ['secret_scanning_alert'],
      hook_attributes: { url: 'https://example.invalid/api/github/webhooks', extra: 1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('url (the homepage) must be an http(s) URL');
    expect(bad.html).toContain('secret_scanning_alert needs the secret_scanning_alerts permission');
    const page = await postManifest(fx.emulator.url, MANIFEST);
    const taken = await create(fx.emulator.url, page.html, 'RootGuard');
    expect(taken.status).toBe(200);
    expect(await taken.text()).toContain('Name is already in use');
    expect(fx.emulator.createdApps).toEqual([]);
  });

  it('makes an organization the owner of an App posted to its page', async () => {
    fx = await startFixture();
    const page = await postManifest(fx.emulator.url, MANIFEST, '/organizations/acme/settings/apps/new');
    const created = await create(fx.emulator.url, page.html, 'rg-org-app', 'acme');
    expect(new URL(created.headers.get('location')!).searchParams.has('state')).toBe(false);
    expect(fx.emulator.createdApps[0]?.owner).toMatchObject({ login: 'acme', type: 'Organization' });
  });
});
