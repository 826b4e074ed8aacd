import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAppManifest, readAppYml } from '../../../src/cli/setup/app-manifest.js';
import { CliError } from '../../../src/cli/errors.js';

const ADDRESSES = {
  webhookUrl: 'https://smee.io/rg-test-manifest',
  redirectUrl: 'http://127.0.0.1:3000/callback',
  homepageUrl: 'https://github.com/apps/rootguard',
};

describe('the App manifest setup posts', () => {
  it("is app.yml's permissions and events with setup's addresses, never public", () => {
    const appYml = readAppYml();
    expect(appYml).toBe(readFileSync(new URL('../../../app.yml', import.meta.url), 'utf8'));
    const doc = parse(appYml) as Record<string, unknown>;
    const manifest = buildAppManifest(appYml, ADDRESSES);
    expect(manifest).toMatchObject({
      name: 'rootguard',
      url: ADDRESSES.homepageUrl,
      hook_attributes: { url: ADDRESSES.webhookUrl, active: true },
      redirect_url: ADDRESSES.redirectUrl,
      callback_urls: [ADDRESSES.redirectUrl],
      public: false,
      default_events: doc['default_events'],
      default_permissions: doc['default_permissions'],
    });
    expect(buildAppManifest(appYml, { ...ADDRESSES, name: 'rootguard-acme' }).name).toBe('rootguard-acme');
  });

  it('app.yml names no host of its own', () => {
    expect(readAppYml()).not.toMatch(/https?:\/\//);
  });

  it('refuses an app.yml that names a host, so it cannot win over setup', () => {
    const withHook =
      'name: x\nhook_attributes:\n  url: https://example.invalid/hook\ndefault_events: []\ndefault_permissions: {}\n';
    expect(() => buildAppManifest(withHook, ADDRESSES)).toThrow(/remove hook_attributes\.url/);
    const withUrl = 'name: x\nurl: https://example.invalid\ndefault_events: []\ndefault_permissions: {}\n';
    expect(() => buildAppManifest(withUrl, ADDRESSES)).toThrow(CliError);
    const badLevel = 'name: x\ndefault_events: []\ndefault_permissions:\n  contents: admin\n';
    expect(() => buildAppManifest(badLevel, ADDRESSES)).toThrow(/contents must be read or write/);
  });
});
