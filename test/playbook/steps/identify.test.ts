import { describe, expect, it, vi } from 'vitest';
import type { IdentifyDetail } from '../../../src/playbook/step-details.js';
import { identifyStep } from '../../../src/playbook/steps/identify.js';
import { RouteUnavailableError, UnkeyRequestError, UnkeyRetryableError } from '../../../src/unkey/errors.js';
import type { RootKeyInfo } from '../../../src/unkey/upcoming-client.js';
import type { UnkeyClient } from '../../../src/unkey/unkey-client.js';
import { KeyGenerator } from '../../support/keygen.js';
import { createFakeGitHub } from './fake-github.js';
import { fingerprintOf, NOW, REPO, stepContext, stored } from './step-context-fixture.js';
import { useUnkeyEmulator } from './unkey-emulator-fixture.js';

const gen = new KeyGenerator(1305);
const unkey = useUnkeyEmulator();
const DEFAULT_TARGET = { scope: 'repo', repo: REPO, name: 'UNKEY_ROOT_KEY' } as const;
const ENV_TARGET = {
  scope: 'environment',
  repo: REPO,
  environment: 'production',
  name: 'UNKEY_KEY',
} as const;

/** A GitHub where the leak's repository holds the secret `UNKEY_ROOT_KEY` (the default target). */
async function githubWithDefaultSecret() {
  const github = await createFakeGitHub();
  github.repoSecretNames.set(REPO, ['OTHER', 'UNKEY_ROOT_KEY']);
  return github;
}

function detailOf(result: { detail?: unknown }): IdentifyDetail {
  return result.detail as IdentifyDetail;
}

describe('identify, through the Unkey emulator', () => {
  it('one root key starts and ends like the leaked key: automatic, with its id, name, creation and permissions', async () => {
    const leaked = unkey.rootKey({ name: 'prod', permissions: ['api.*.read_key', 'api.*.create_key'] });
    const client = unkey.client(['rootKeys.*.read']);
    const github = await githubWithDefaultSecret();
    const ctx = stepContext({ key: leaked.key, unkey: client, github });
    const result = stored(await identifyStep.run(ctx));
    expect(result.outcome).toBe('done');
    expect(detailOf(result)).toEqual({
      path: 'automatic',
      keyId: leaked.keyId,
      name: 'prod',
      createdAt: NOW,
      permissions: ['api.*.read_key', 'api.*.create_key'],
      candidates: 1,
      deploy: [DEFAULT_TARGET],
      deploySource: 'default-secret',
    });
    expect(result.summary).toBe(
      `Root key ${leaked.keyId} ("prod") (no inventory entry); deployed as secret UNKEY_ROOT_KEY in ${REPO}.`,
    );
  });

  it('two root keys look alike: assisted, rootguard does not guess', async () => {
    const leaked = unkey.rootKey({ name: 'prod', permissions: [] });
    const twin = unkey.rootKey({ name: 'staging', permissions: [] });
    unkey.emulator.setStoredEnds(twin.keyId, leaked.key.slice(0, 8), leaked.key.slice(-4));
    const ctx = stepContext({
      key: leaked.key,
      unkey: unkey.client(['rootKeys.*.read']),
      github: await createFakeGitHub(),
    });
    const result = stored(await identifyStep.run(ctx));
    expect(detailOf(result)).toEqual({
      path: 'assisted',
      assistedReason: `2 root keys start and end like ${ctx.incident.masked}: rootguard will not guess which one to revoke.`,
      candidates: 2,
      deploy: [],
      deploySource: 'none',
    });
    expect(result.summary).toBe(
      `${detailOf(result).assistedReason} Containment is assisted; no deploy target known (${REPO} has no secret UNKEY_ROOT_KEY).`,
    );
  });

  it("no root key of the workspace fits (another workspace's key): assisted", async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: unkey.client(['rootKeys.*.read']),
      github: await createFakeGitHub(),
    });
    const result = stored(await identifyStep.run(ctx));
    expect(detailOf(result)).toMatchObject({ path: 'assisted', candidates: 0 });
    expect(detailOf(result).assistedReason).toBe(
      `No root key of the responder's workspace starts and ends like ${ctx.incident.masked} (another workspace's key, or already deleted).`,
    );
  });

  it('the server has no root key API: assisted, saying so', async () => {
    unkey.emulator.setUpcoming(false);
    try {
      const ctx = stepContext({
        key: gen.rootKey(),
        unkey: unkey.client(['rootKeys.*.read']),
        github: await createFakeGitHub(),
      });
      const result = stored(await identifyStep.run(ctx));
      expect(detailOf(result)).toEqual({
        path: 'assisted',
        assistedReason: 'This Unkey server has no root key API (rootKeys.listKeys answers 404).',
        deploy: [],
        deploySource: 'none',
      });
    } finally {
      unkey.emulator.setUpcoming(true);
    }
  });

  it('a responder key that may read no root key sees an empty list: assisted, no candidate', async () => {
    unkey.rootKey({ name: 'prod', permissions: [] });
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: unkey.client(['api.*.read_key']),
      github: await createFakeGitHub(),
    });
    expect(detailOf(stored(await identifyStep.run(ctx)))).toMatchObject({ path: 'assisted', candidates: 0 });
  });
});

/** An Unkey client that lists these root keys (and has the root key API). */
function listing(keys: RootKeyInfo[]): Partial<UnkeyClient> & { listRootKeys: ReturnType<typeof vi.fn> } {
  return {
    capabilities: async () => ({ rootKeys: true, auditLogs: true }),
    listRootKeys: vi.fn(async () => keys),
  };
}

function rootKeyLike(plaintext: string, keyId: string): RootKeyInfo {
  return {
    keyId,
    name: null,
    start: plaintext.slice(0, 8),
    end: plaintext.slice(-4),
    enabled: true,
    createdAt: NOW - 86_400_000,
    lastUsedAt: 0,
    expires: null,
    permissions: ['*'],
  };
}

describe('identify, the inventory and the deploy targets', () => {
  it('an inventory entry by fingerprint names the deploy targets and the name', async () => {
    const key = gen.rootKey();
    const github = await createFakeGitHub();
    const ctx = stepContext({
      key,
      unkey: listing([rootKeyLike(key, 'key_prod')]),
      github,
      config: { rootKeys: [{ name: 'api prod', fingerprint: fingerprintOf(key), deploy: [ENV_TARGET] }] },
    });
    const result = stored(await identifyStep.run(ctx));
    expect(detailOf(result)).toMatchObject({
      path: 'automatic',
      keyId: 'key_prod',
      inventoryName: 'api prod',
      deploy: [ENV_TARGET],
      deploySource: 'inventory',
    });
    expect(result.summary).toBe(
      'Root key key_prod (inventory entry "api prod"); 1 deploy target(s) from the inventory.',
    );
    // The inventory named the targets: the repository's secrets were not listed.
    expect(github.calls.filter((c) => c.startsWith('listRepoSecrets'))).toEqual([]);
  });

  it('an inventory entry found by the key id Unkey gave: its targets, not the default secret', async () => {
    const key = gen.rootKey();
    const github = await githubWithDefaultSecret();
    const ctx = stepContext({
      key,
      unkey: listing([rootKeyLike(key, 'key_byid')]),
      github,
      config: { rootKeys: [{ name: 'by id', keyId: 'key_byid', deploy: [ENV_TARGET] }] },
    });
    const detail = detailOf(stored(await identifyStep.run(ctx)));
    expect(detail).toMatchObject({
      keyId: 'key_byid',
      inventoryName: 'by id',
      deploy: [ENV_TARGET],
      deploySource: 'inventory',
    });
  });

  it('assisted, but the inventory knows the key: its id and permissions are recorded', async () => {
    const key = gen.rootKey();
    const ctx = stepContext({
      key,
      responderConfigured: false,
      github: await createFakeGitHub(),
      config: {
        rootKeys: [
          {
            name: 'legacy',
            keyId: 'key_inv',
            fingerprint: fingerprintOf(key),
            permissions: ['api.*.read_key'],
            deploy: [],
          },
        ],
      },
    });
    const result = stored(await identifyStep.run(ctx));
    expect(detailOf(result)).toEqual({
      path: 'assisted',
      assistedReason: 'UNKEY_ROOT_KEY is not configured, so rootguard cannot act in Unkey.',
      keyId: 'key_inv',
      permissions: ['api.*.read_key'],
      inventoryName: 'legacy',
      deploy: [],
      deploySource: 'none',
    });
    expect(result.summary).toContain('Containment is assisted (inventory names key_inv)');
  });

  it('a key verify found dead and that cannot be identified: the summary says it is already revoked', async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      responderConfigured: false,
      github: await createFakeGitHub(),
      earlier: { verify: { outcome: 'done', detail: { liveness: 'dead' } } },
    });
    const result = await identifyStep.run(ctx);
    expect(result.summary).toBe(
      'Already revoked, and not identified: UNKEY_ROOT_KEY is not configured, so rootguard cannot act in Unkey.',
    );
  });

  it('the key cannot be read again: matched by its mask', async () => {
    const key = gen.rootKey();
    const ctx = stepContext({
      key,
      unkey: listing([rootKeyLike(key, 'key_masked')]),
      github: await createFakeGitHub(),
    });
    const unreadable = stepContext({
      key: null,
      unkey: listing([rootKeyLike(key, 'key_masked')]),
      github: await createFakeGitHub(),
      incident: { masked: ctx.incident.masked },
    });
    expect(detailOf(await identifyStep.run(unreadable))).toMatchObject({
      path: 'automatic',
      keyId: 'key_masked',
    });
  });

  it("the App may not list the repository's secrets (403): no deploy target known, saying why", async () => {
    const github = await createFakeGitHub();
    github.fail('listRepoSecrets', 403);
    const ctx = stepContext({ key: gen.rootKey(), responderConfigured: false, github });
    const result = await identifyStep.run(ctx);
    expect(result.detail).toMatchObject({ deploy: [], deploySource: 'none' });
    expect(result.summary).toContain(
      `no deploy target known (the App may not list ${REPO}'s secrets: it needs "Secrets: read")`,
    );
  });

  it('GitHub failing (500) or Unkey failing (503) is thrown for the queue to retry', async () => {
    const github = await createFakeGitHub();
    github.fail('listRepoSecrets', 500);
    await expect(
      identifyStep.run(stepContext({ key: gen.rootKey(), responderConfigured: false, github })),
    ).rejects.toMatchObject({ status: 500 });
    const down = stepContext({
      key: gen.rootKey(),
      unkey: {
        capabilities: async () => ({ rootKeys: true, auditLogs: false }),
        listRootKeys: () =>
          Promise.reject(new UnkeyRetryableError('server-error', 'rootKeys.listKeys', '503')),
      },
      github: await createFakeGitHub(),
    });
    await expect(identifyStep.run(down)).rejects.toBeInstanceOf(UnkeyRetryableError);
  });

  it('a route that vanished while listing (404 route) is the assisted path, not an error', async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: {
        capabilities: async () => ({ rootKeys: true, auditLogs: false }),
        listRootKeys: () => Promise.reject(new RouteUnavailableError('rootKeys.listKeys', 'gone')),
      },
      github: await createFakeGitHub(),
    });
    expect(detailOf(await identifyStep.run(ctx)).assistedReason).toMatch(/has no root key API/);
  });

  it('Unkey refusing the list (403): assisted, with the permission to grant and the request id', async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: {
        capabilities: async () => ({ rootKeys: true, auditLogs: false }),
        listRootKeys: () =>
          Promise.reject(
            new UnkeyRequestError('forbidden', 'rootKeys.listKeys', 'no', {
              status: 403,
              requestId: 'req_9',
            }),
          ),
      },
      github: await createFakeGitHub(),
    });
    expect(detailOf(await identifyStep.run(ctx)).assistedReason).toBe(
      "rootguard's UNKEY_ROOT_KEY lacks the permission for rootKeys.listKeys (403, request req_9): grant it rootKeys/*#read.",
    );
  });

  it('Unkey rejecting the responder key (401): assisted, saying the responder key is wrong', async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: {
        capabilities: () =>
          Promise.reject(new UnkeyRequestError('unauthorized', 'rootKeys.listKeys', 'no', { status: 401 })),
      },
      github: await createFakeGitHub(),
    });
    expect(detailOf(await identifyStep.run(ctx)).assistedReason).toMatch(
      /^Unkey rejected rootguard's own UNKEY_ROOT_KEY \(401 on rootKeys\.listKeys\)/,
    );
  });
});

describe('identify, prefetch and running again', () => {
  it('the prefetch starts the list and the public keys; run awaits them, read once', async () => {
    const key = gen.rootKey();
    const unkeyCalls = listing([rootKeyLike(key, 'key_pre')]);
    const github = await createFakeGitHub();
    const ctx = stepContext({
      key,
      unkey: unkeyCalls,
      github,
      config: { rootKeys: [{ name: 'pre', fingerprint: fingerprintOf(key), deploy: [ENV_TARGET] }] },
    });
    identifyStep.prefetch(ctx);
    const result = await identifyStep.run(ctx);
    expect(result.detail).toMatchObject({ keyId: 'key_pre', deploySource: 'inventory' });
    expect(unkeyCalls.listRootKeys).toHaveBeenCalledTimes(1);
    // The public key contain will seal with was read during the prefetch, before any reroll.
    expect(github.calls).toEqual([`getEnvironmentPublicKey ${REPO}:production`]);
  });

  it("a prefetch whose read fails is the run's error, never an unhandled rejection", async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      unkey: {
        capabilities: () => Promise.reject(new UnkeyRetryableError('timeout', 'rootKeys.listKeys', 'slow')),
      },
      responderConfigured: true,
    });
    identifyStep.prefetch(ctx);
    await expect(identifyStep.run(ctx)).rejects.toBeInstanceOf(UnkeyRetryableError);
  });

  it('run again after a crash: the same identification, and nothing written (identify only reads)', async () => {
    const key = gen.rootKey();
    const first = stepContext({
      key,
      unkey: listing([rootKeyLike(key, 'key_again')]),
      github: await githubWithDefaultSecret(),
    });
    const a = stored(await identifyStep.run(first));
    const again = stepContext({
      key,
      unkey: listing([rootKeyLike(key, 'key_again')]),
      github: await githubWithDefaultSecret(),
      progress: first.progressAfter(),
    });
    const b = stored(await identifyStep.run(again));
    expect(b).toEqual(a);
    for (const ctx of [first, again]) {
      expect(ctx.checkpoints).toEqual([]);
      expect(ctx.incidentUpdates).toEqual([]);
    }
  });
});
