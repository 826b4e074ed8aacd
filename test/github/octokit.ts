// A real Probot Octokit pointed at https://api.github.com, answered by nock, and a recorder of
// the request bodies nock saw, so tests can check that nothing key-shaped was ever sent.
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import type { GitHubClient } from '../../src/github/github-client.js';

export const API = 'https://api.github.com';

export function testClient(): GitHubClient {
  return new ProbotOctokit({ auth: { token: 'x' }, retry: { enabled: false }, throttle: { enabled: false } });
}

/** One request nock answered: method, path with query, and the JSON body when there was one. */
export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** The body exactly as sent. */
  readonly raw: string;
}

/** A nock scope for the GitHub API that records every request it answers into `sent`. */
export function githubApi(): { scope: nock.Scope; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const scope = nock(API);
  scope.on('request', (req: { method: string; path: string }, _interceptor: unknown, raw: string) => {
    sent.push({ method: req.method, path: req.path, body: raw === '' ? undefined : JSON.parse(raw), raw });
  });
  return { scope, sent };
}
