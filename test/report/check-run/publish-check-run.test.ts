import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeCheckRun, startCheckRun } from '../../../src/report/check-run/publish-check-run.js';
import { renderCheckRunOutput } from '../../../src/report/check-run/render-check-run.js';
import type { ScanResult } from '../../../src/sources/scan-result.js';
import { KeyGenerator } from '../../support/keygen.js';
import { commitAt, hex, keyShaped, leakedKeys, sourceFinding } from '../../support/source-findings.js';
import { invalidRequests } from '../../github/openapi-request.js';
import { githubApi, testClient } from '../../github/octokit.js';

const REPO = { owner: 'owner', repo: 'app' };

interface UpdateBody {
  status?: string;
  conclusion?: string;
  output: { title: string; summary: string; text?: string; annotations: { path: string }[] };
}
const NOW = new Date('2026-11-27T16:00:00Z');

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('startCheckRun', () => {
  it('creates the rootguard check run in progress on the head commit', async () => {
    const { scope, sent } = githubApi();
    scope.post('/repos/owner/app/check-runs').reply(201, { id: 77 });
    const id = await startCheckRun(testClient(), REPO, {
      headSha: 'a'.repeat(40),
      externalId: 'delivery-1',
      detailsUrl: 'https://rootguard.example/scans/1',
      now: NOW,
    });
    expect(id).toBe(77);
    expect(invalidRequests(sent)).toEqual([]);
    expect(sent[0]?.body).toEqual({
      name: 'rootguard',
      head_sha: 'a'.repeat(40),
      external_id: 'delivery-1',
      status: 'in_progress',
      started_at: '2026-11-27T16:00:00.000Z',
      details_url: 'https://rootguard.example/scans/1',
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe('completeCheckRun', () => {
  function leakyResult(count: number): { result: ScanResult; keys: string[] } {
    const gen = new KeyGenerator(61);
    const commit = hex(gen);
    const keys = Array.from({ length: count }, () => gen.rootKey());
    const findings = keys.map((key, i) =>
      sourceFinding(key, 'unkey-root-key', commitAt(commit, `src/f${i}.ts`, i + 1)),
    );
    const stats = { commits: 1, files: count, bytes: 1000, binarySkipped: 0, ignored: 0, allowed: 0 };
    return { result: { findings, status: 'complete', incomplete: [], stats, method: 'compare' }, keys };
  }

  it('sends 120 annotations as 50, 50 and 20: the conclusion with the first, the same output with each', async () => {
    const { result, keys } = leakyResult(120);
    const output = renderCheckRunOutput({ result, target: 'push to main', configProblems: [] });
    const { scope, sent } = githubApi();
    scope.patch('/repos/owner/app/check-runs/77').times(3).reply(200, { id: 77 });
    await completeCheckRun(testClient(), REPO, 77, output, { now: NOW });
    expect(scope.isDone()).toBe(true);
    const bodies = sent.map((request) => request.body as UpdateBody);
    expect(bodies.map((body) => body.output.annotations.length)).toEqual([50, 50, 20]);
    expect(bodies[0]).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      completed_at: '2026-11-27T16:00:00.000Z',
    });
    for (const body of bodies.slice(1)) {
      expect(body.status).toBeUndefined();
      expect(body.conclusion).toBeUndefined();
    }
    for (const body of bodies) {
      expect(body.output).toMatchObject({
        title: output.title,
        summary: output.summary,
        text: output.text,
      });
    }
    const annotated = bodies.flatMap((body) => body.output.annotations.map((a) => a.path));
    expect(annotated).toEqual(result.findings.map((f) => f.finding.path));
    const raw = sent.map((request) => request.raw).join('\n');
    expect(keyShaped(raw)).toEqual([]);
    expect(leakedKeys(raw, keys)).toEqual([]);
    expect(invalidRequests(sent)).toEqual([]);
  });

  it('sends one request without annotations for a clean scan', async () => {
    const { result } = leakyResult(0);
    const output = renderCheckRunOutput({ result, target: 'push to main', configProblems: [] });
    const { scope, sent } = githubApi();
    scope.patch('/repos/owner/app/check-runs/5').reply(200, { id: 5 });
    await completeCheckRun(testClient(), REPO, 5, output, { now: NOW });
    expect(sent).toHaveLength(1);
    expect(invalidRequests(sent)).toEqual([]);
    expect(sent[0]?.body).toEqual({
      status: 'completed',
      conclusion: 'success',
      completed_at: '2026-11-27T16:00:00.000Z',
      output: { title: 'No Unkey keys found', summary: output.summary },
    });
  });

  it('lets a failed request fail the call (the queue retries the job)', async () => {
    const { result } = leakyResult(60);
    const output = renderCheckRunOutput({ result, target: 'push', configProblems: [] });
    const { scope } = githubApi();
    scope
      .patch('/repos/owner/app/check-runs/9')
      .reply(200, {})
      .patch('/repos/owner/app/check-runs/9')
      .reply(500, {});
    await expect(completeCheckRun(testClient(), REPO, 9, output)).rejects.toMatchObject({ status: 500 });
  });
});
