import type { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { botLoginFor } from '../../../src/cli/runtime/bot-login.js';

/** A Probot whose App client answers `GET /app` with `slug`, counting the requests. */
function probotAnswering(slug: string | Error) {
  let requests = 0;
  const probot = {
    log: { warn: () => undefined },
    auth: async () => ({
      request: async () => {
        requests++;
        if (slug instanceof Error) throw slug;
        return { data: { slug } };
      },
    }),
  } as unknown as Probot;
  return { probot, requests: () => requests };
}

describe('botLoginFor', () => {
  it('takes the configured slug without asking GitHub', async () => {
    const github = probotAnswering('other');
    expect(await botLoginFor({ appSlug: 'rootguard-staging' }, github.probot)).toBe('rootguard-staging[bot]');
    expect(github.requests()).toBe(0);
  });

  it("asks GitHub for the App's slug when none is configured, and is undefined when GitHub cannot say", async () => {
    expect(await botLoginFor({ appSlug: undefined }, probotAnswering('rootguard').probot)).toBe(
      'rootguard[bot]',
    );
    expect(
      await botLoginFor({ appSlug: undefined }, probotAnswering(new Error('503')).probot),
    ).toBeUndefined();
  });
});
