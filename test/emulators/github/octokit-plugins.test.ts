import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type EmulatorFixture } from './emulator-fixture.js';

/** The faults look like GitHub's to Octokit's own retry and throttling plugins. */
describe("GitHub emulator: faults as Octokit's plugins see them", () => {
  let fx: EmulatorFixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => {
    await fx.emulator.close();
  });

  function octokit(seen: string[]) {
    return new ProbotOctokit({
      baseUrl: fx.emulator.url,
      auth: { token: fx.token },
      throttle: {
        onRateLimit: (_after: number, _o: unknown, _k: unknown, retryCount: number) => {
          seen.push('rate-limit');
          return retryCount < 1;
        },
        onSecondaryRateLimit: (_after: number, _o: unknown, _k: unknown, retryCount: number) => {
          seen.push('secondary');
          return retryCount < 1;
        },
      },
      retry: { retries: 1, retryAfterBaseValue: 1 },
    });
  }

  it('a secondary rate limit reaches onSecondaryRateLimit and the retry succeeds', async () => {
    const seen: string[] = [];
    // retry-after 0 would not help: the throttling plugin treats 0 as missing and waits its 60 s fallback.
    fx.emulator.faults.add({ path: '/repos/acme/app', kind: 'secondary-rate-limit', retryAfter: 1 });
    const { status } = await octokit(seen).rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(status).toBe(200);
    expect(seen).toEqual(['secondary']);
  });

  it('a 502 is retried by the retry plugin', async () => {
    fx.emulator.faults.add({ path: '/repos/acme/app', kind: 'server-error', status: 502 });
    const { status } = await octokit([]).rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(status).toBe(200);
    expect(fx.emulator.requests.slice(-2).map((r) => r.status)).toEqual([502, 200]);
  });
});
