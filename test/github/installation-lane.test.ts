import { Redis } from 'ioredis';
import nock from 'nock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LaneWaitError } from '../../src/github/errors.js';
import { gateClient } from '../../src/github/gate-client.js';
import { InstallationLane } from '../../src/github/installation-lane.js';
import { retryAfterMs, isRetryable } from '../../src/playbook/retryable.js';
import { deleteUnder, keysUnder, TEST_REDIS_URL, uniquePrefix } from '../incidents/redis-fixture.js';
import { API, testClient } from './octokit.js';

describe('InstallationLane (a lane of GitHub requests per installation, over every process)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const prefix = uniquePrefix('lane');
  const lane = (name: string, intervalMs: number) =>
    new InstallationLane(redis, {
      prefix,
      lane: name,
      intervalMs,
      spaceWritesOnly: true,
      maxInlineWaitMs: 100,
      waitError: (until, reason) => new LaneWaitError(until, reason),
    });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await deleteUnder(redis, prefix);
    await redis.quit();
  });

  it('spaces writes only: a read passes while the write slot is taken', async () => {
    const writes = lane('lane-a', 10_000);
    await writes.pass(1, 'PUT');
    await writes.pass(1, 'GET');
    await expect(writes.pass(1, 'DELETE')).rejects.toBeInstanceOf(LaneWaitError);
  });

  it('keeps lanes apart: a slot taken in one lane holds nothing in another', async () => {
    await lane('lane-b', 10_000).pass(2, 'POST');
    await lane('lane-c', 10_000).pass(2, 'POST');
    await expect(lane('lane-b', 10_000).pass(2, 'POST')).rejects.toBeInstanceOf(LaneWaitError);
  });

  it("holds the lane, reads too, in every client of the installation after GitHub's Retry-After", async () => {
    const shared = lane('lane-d', 1);
    nock(API)
      .put('/repos/acme/app/actions/secrets/KEY')
      .reply(429, { message: 'slow down' }, { 'retry-after': '30' });
    const first = gateClient(testClient(), 3, shared);
    const failed = await first
      .request('PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}', {
        owner: 'acme',
        repo: 'app',
        secret_name: 'KEY',
        encrypted_value: 'x',
        key_id: '1',
      })
      .catch((e: unknown) => e);
    expect((failed as { status?: number }).status).toBe(429);
    // Another client of the same installation (another process, in production) sends nothing.
    const second = gateClient(testClient(), 3, lane('lane-d', 1));
    const waited = await second
      .request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'app' })
      .catch((e) => e);
    expect(waited).toBeInstanceOf(LaneWaitError);
    expect((waited as LaneWaitError).until).toBeGreaterThan(Date.now() + 25_000);
    // The playbook's queue retries it after the wait, never sooner.
    expect(isRetryable(waited)).toBe(true);
    expect(retryAfterMs(waited)).toBeGreaterThanOrEqual(25_000);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("opens again when GitHub's wait is over: the lane's own refusals do not extend it", async () => {
    const shared = lane('lane-e', 1);
    await shared.block(4, 300);
    const client = gateClient(testClient(), 4, shared);
    const read = () => client.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'app' });
    await expect(read()).rejects.toBeInstanceOf(LaneWaitError);
    await new Promise((resolve) => setTimeout(resolve, 400));
    nock(API).get('/repos/acme/app').reply(200, { id: 1 });
    expect((await read()).status).toBe(200);
  });

  it('leaves only keys that expire', async () => {
    for (const key of await keysUnder(redis, prefix)) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});
