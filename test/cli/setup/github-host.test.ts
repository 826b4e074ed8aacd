import { describe, expect, it } from 'vitest';
import {
  hostOfApiUrl,
  isGitHubCom,
  newAppUrl,
  resolveGitHubHost,
} from '../../../src/cli/setup/github-host.js';
import { normalizeWebhookUrl } from '../../../src/cli/setup/webhook-url.js';
import { SetupTokens } from '../../../src/cli/setup/setup-states.js';

describe('where setup registers the App', () => {
  it('github.com: the user or an organization, and api.github.com', () => {
    const host = resolveGitHubHost({});
    expect(host).toEqual({ webUrl: 'https://github.com', apiUrl: 'https://api.github.com' });
    expect(isGitHubCom(host)).toBe(true);
    expect(newAppUrl(host, undefined, 'st')).toBe('https://github.com/settings/apps/new?state=st');
    expect(newAppUrl(host, 'acme', 'st')).toBe(
      'https://github.com/organizations/acme/settings/apps/new?state=st',
    );
  });

  it('GitHub Enterprise Server: its own pages, and /api/v3', () => {
    const host = resolveGitHubHost({ githubUrl: 'https://ghes.example.com/' });
    expect(host).toEqual({ webUrl: 'https://ghes.example.com', apiUrl: 'https://ghes.example.com/api/v3' });
    expect(isGitHubCom(host)).toBe(false);
    expect(newAppUrl(host, 'acme', 's')).toBe(
      'https://ghes.example.com/organizations/acme/settings/apps/new?state=s',
    );
    expect(() => resolveGitHubHost({ githubUrl: 'http://ghes.example.com' })).toThrow(
      /--github-url must be an https URL/,
    );
  });

  it('serve registers on the GitHub its GITHUB_API_URL names', () => {
    expect(hostOfApiUrl(undefined)).toEqual({});
    expect(hostOfApiUrl('https://api.github.com/')).toEqual({});
    expect(hostOfApiUrl('https://ghes.example.com/api/v3')).toEqual({
      githubUrl: 'https://ghes.example.com',
      githubApiUrl: 'https://ghes.example.com/api/v3',
    });
    expect(hostOfApiUrl('http://127.0.0.1:4000')).toEqual({
      githubUrl: 'http://127.0.0.1:4000',
      githubApiUrl: 'http://127.0.0.1:4000',
    });
  });

  it('the webhook URL: https (http only on loopback), a bare origin gets rootguard’s path', () => {
    expect(normalizeWebhookUrl('https://rg.example.com')).toEqual({
      url: 'https://rg.example.com/api/github/webhooks',
    });
    expect(normalizeWebhookUrl('https://smee.io/abc')).toEqual({ url: 'https://smee.io/abc' });
    expect(normalizeWebhookUrl('http://rg.example.com/x')).toHaveProperty('problem');
    expect(normalizeWebhookUrl('https://u:p@rg.example.com/x')).toHaveProperty('problem');
    expect(normalizeWebhookUrl('not a url')).toHaveProperty('problem');
  });

  it('a state is accepted once, and only one that was issued', () => {
    const tokens = new SetupTokens();
    const state = tokens.issue();
    expect(tokens.consume('0'.repeat(64))).toBe(false);
    expect(tokens.consume(undefined)).toBe(false);
    expect(tokens.consume(state)).toBe(true);
    expect(tokens.consume(state)).toBe(false);
  });
});
