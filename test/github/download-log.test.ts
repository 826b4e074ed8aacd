import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { openLogDownload } from '../../src/github/download-log.js';
import type { GitHubClient } from '../../src/github/github-client.js';
import { isAllowedLogLink } from '../../src/github/log-link-policy.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback GitHub API whose job-log route redirects to `link`, and whose `/blob` serves a log. */
async function api(
  link: (base: string) => string,
  blob?: (base: string) => [number, Record<string, string>],
) {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url?.endsWith('/logs')) return res.writeHead(302, { location: link(base) }).end();
    if (req.url === '/blob') {
      const [status, headers] = blob?.(base) ?? [200, {}];
      return res.writeHead(status, headers).end(status === 200 ? 'line 1\n' : '');
    }
    if (req.url === '/hop') return res.writeHead(307, { location: '/blob' }).end();
    if (req.url === '/stall') return void res.writeHead(200).write('partial');
    res.writeHead(404).end();
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new ProbotOctokit({ baseUrl: base, retry: { enabled: false } }) as unknown as GitHubClient;
  return { base, client, hits };
}

const route = { kind: 'job', owner: 'o', repo: 'r', jobId: 1 } as const;

describe('isAllowedLogLink', () => {
  const github = 'https://api.github.com';
  it("allows https to GitHub's log hosts and to the API's host", () => {
    for (const link of [
      'https://pipelines.actions.githubusercontent.com/x/_apis/logs/1?sig=s',
      'https://productionresultssa7.blob.core.windows.net/actions-results/x?sv=1',
      'https://api.github.com/x',
    ])
      expect(isAllowedLogLink(link, github), link).toBe(true);
    expect(isAllowedLogLink('https://ghes.example/x', 'https://ghes.example/api/v3')).toBe(true);
  });

  it('refuses other hosts, plain http, other schemes and credentials', () => {
    for (const link of [
      'https://evil.example/x',
      'https://githubusercontent.com.evil.example/x',
      'https://evil.blob.core.windows.net/x',
      'http://pipelines.actions.githubusercontent.com/x',
      'ftp://api.github.com/x',
      'file:///etc/passwd',
      'https://user:pw@api.github.com/x',
      'not a url',
    ])
      expect(isAllowedLogLink(link, github), link).toBe(false);
    // Plain http only when the API itself is on loopback, and only to loopback.
    expect(isAllowedLogLink('http://127.0.0.1:9/blob', 'http://127.0.0.1:8')).toBe(true);
    expect(isAllowedLogLink('http://10.0.0.1/blob', 'http://127.0.0.1:8')).toBe(false);
    expect(isAllowedLogLink('http://127.0.0.1:9/blob', 'https://api.github.com')).toBe(false);
  });
});

describe('openLogDownload: redirects and deadline', () => {
  it('follows a redirect that stays on allowed hosts', async () => {
    const { client, hits } = await api((base) => `${base}/hop`);
    const download = await openLogDownload({ client, route, attempts: 1 });
    expect(download.status).toBe('ok');
    if (download.status === 'ok') expect(await download.response.text()).toBe('line 1\n');
    expect(hits).toEqual(['/repos/o/r/actions/jobs/1/logs', '/hop', '/blob']);
  });

  it('refuses a link or a redirect to another host or scheme without fetching it', async () => {
    const foreign = await api(() => 'https://evil.example/logs?sig=secret-signature');
    const error = await openLogDownload({ client: foreign.client, route, attempts: 1 }).catch(
      (e: Error) => e,
    );
    expect(error).toMatchObject({ name: 'GitHubError', code: 'log-link-refused' });
    expect((error as Error).message).toContain('https://evil.example');
    expect((error as Error).message).not.toContain('secret-signature');
    for (const location of ['ftp://127.0.0.1/x', 'https://evil.example/x', 'file:///etc/passwd']) {
      const redirecting = await api(
        (base) => `${base}/blob`,
        () => [302, { location }],
      );
      await expect(openLogDownload({ client: redirecting.client, route, attempts: 1 })).rejects.toMatchObject(
        { code: 'log-link-refused' },
      );
      expect(redirecting.hits.filter((hit) => hit === '/blob')).toHaveLength(1);
    }
  });

  it('gives up on a stalled download at its deadline', async () => {
    const stalled = await api((base) => `${base}/stall`);
    const download = await openLogDownload({ client: stalled.client, route, attempts: 1, timeoutMs: 200 });
    expect(download.status).toBe('ok');
    if (download.status === 'ok')
      await expect(download.response.text()).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
