import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { checkRedis, checkRedisAt } from '../../src/cli/doctor/redis-checks.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { assertRedisReady, waitForRedisReady } from '../../src/queue/check-redis.js';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { isCluster } from '../../src/redis/redis-client.js';
import { startRedisCluster, type OwnRedisCluster } from '../support/redis-cluster.js';
import { HAS_REDIS_SERVER } from '../support/redis-server.js';
import { keysMatching } from '../support/redis-values.js';
import { watchKeys } from '../support/suite-canary.js';
import { startHarness, type Harness } from './harness.js';
import { leakInPush } from './leak-in-push.js';

const PERMISSIONS = ['api.*.read_key'];

describe.skipIf(!HAS_REDIS_SERVER)(
  'the whole App on a Redis Cluster (three masters, one replica each)',
  () => {
    let cluster: OwnRedisCluster;
    let h: Harness;
    const keys: string[] = [];

    beforeAll(async () => {
      cluster = await startRedisCluster(3);
      // Every node keeps an append-only file and never evicts: start-up checks each of them.
      h = await startHarness({ redisCluster: cluster.urls, env: { ROOTGUARD_ALLOW_VOLATILE_REDIS: '0' } });
    }, 90_000);

    afterAll(async () => {
      if (h !== undefined) {
        expect(await h.leaks([...keys, h.env['UNKEY_ROOT_KEY']!])).toEqual([]);
        expect(h.emulator.violations).toEqual([]);
        expect(h.unkey.violations).toEqual([]);
        await h.close();
      }
      await cluster?.stop();
    }, 60_000);

    /** A root key in the Unkey emulator, watched by the leak checks. */
    const rootKey = (name: string) => {
      const made = h.unkey.addRootKey({ name, permissions: PERMISSIONS });
      keys.push(made.key);
      watchKeys(made.key);
      return made;
    };

    const statusOf = async (incidentId: string) => (await h.incidents.get(incidentId))?.status;

    it('is checked node by node: every slot served, no node evicting, each keeping an append-only file', async () => {
      const checks = await checkRedisAt({ urls: [cluster.urls[0]!], cluster: true });
      const byName = new Map(checks.map((c) => [c.name, c]));
      expect(byName.get('redis: cluster')).toMatchObject({ state: 'pass' });
      for (const url of cluster.urls) {
        const node = new URL(url).host;
        for (const check of ['maxmemory-policy', 'persistence', 'version'])
          expect(byName.get(`redis (node ${node}): ${check}`), `${node} ${check}`).toMatchObject({
            state: 'pass',
          });
      }
      expect(checks.filter((c) => c.state !== 'pass')).toEqual([]);

      // One replica that would evict (it becomes a master on failover): named, by doctor and start-up.
      const replica = new URL(cluster.urls.at(-1)!);
      const node = new Redis(Number(replica.port), replica.hostname);
      try {
        await node.config('SET', 'maxmemory-policy', 'allkeys-lru');
        const refused = await checkRedisAt({ urls: [cluster.urls[0]!], cluster: true });
        expect(refused.filter((c) => c.state !== 'pass').map((c) => c.name)).toEqual([
          `redis (node ${replica.host}): maxmemory-policy`,
        ]);
        await expect(assertRedisReady(h.redis)).rejects.toThrow(
          `Redis Cluster node ${replica.host} uses maxmemory-policy allkeys-lru`,
        );
      } finally {
        await node.config('SET', 'maxmemory-policy', 'noeviction');
        node.disconnect();
      }
      await expect(assertRedisReady(h.redis)).resolves.toEqual({ persistent: true });
    });

    it('contains a leak, rides out the crash of the master that holds its keys, and contains the next', async () => {
      expect(isCluster(h.redis)).toBe(true);
      expect(h.prefix).toMatch(/^\{rg-it-[0-9a-f]{8}\}$/);
      const repo = await h.createRepo('on-a-cluster', { private: true });
      h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');

      const first = rootKey('cluster-first');
      const one = await leakInPush(h, repo, first.key);
      await expect.poll(() => statusOf(one.incidentId), { timeout: 30_000 }).toBe('contained');
      await h.waitForReports();
      // Every key rootguard wrote (queues, incidents, runs, ledgers, lanes) carries the hash tag,
      // so one slot holds them all and every script and MULTI over them is allowed.
      const written = await keysMatching(h.redis, '*');
      expect(written.length).toBeGreaterThan(20);
      expect(written.filter((key) => !key.startsWith(`${h.prefix}:`))).toEqual([]);

      // Mid-run: the master serving that slot crashes while the next leak is pushed. GitHub
      // redelivers what the receiver refused (503), as it does for any failed delivery.
      const second = rootKey('cluster-second');
      const before = (await h.emulator.branchSha(repo, 'main')) as string;
      const commit = await h.emulator.commit(
        repo,
        'main',
        { 'deploy/second.env': `UNKEY_ROOT_KEY=${second.key}\n` },
        { message: 'add a second key' },
      );
      const payload = await pushPayload(h.emulator, { repo, branch: 'main', before, after: commit });
      const from = await cluster.crashMasterOf(h.prefix);
      const answers = await deliverUntilAccepted(h, 'push', payload);
      const to = await cluster.waitForFailover(h.prefix, from);
      expect(to).not.toBe(from);
      expect(answers.at(-1)).toBe(200);

      const two = incidentIdFor(fingerprintKey(second.key));
      await expect.poll(() => statusOf(two), { timeout: 60_000 }).toBe('contained');
      // What the crashed master held is on its replica, now the master: nothing was lost.
      expect(await h.incidents.get(one.incidentId)).toMatchObject({ status: 'contained', run: 1 });
      expect(await cluster.masterPortFor(h.prefix)).toBe(to);

      // And after the failover the App works as before.
      const third = rootKey('cluster-third');
      const three = await leakInPush(h, repo, third.key, 'deploy/third.env');
      await expect.poll(() => statusOf(three.incidentId), { timeout: 30_000 }).toBe('contained');
      await h.waitForReports();
      for (const made of [first, second, third]) expect(h.unkey.rootKey(made.keyId)!.expires).not.toBeNull();
      const issues = h.emulator.issues(repo);
      expect(issues).toHaveLength(3);
      const ready = await fetch(`${h.runtime.url}/readyz`);
      expect(ready.status).toBe(200);

      // A replica lost: rootguard stays ready (its master holds the data), and doctor warns. A
      // client made before the loss, seeded by a master, still lists the replica (its connection
      // to it, lazy, was never opened); one whose connection to it ended has dropped it. Neither
      // fails on it.
      const earlier = createRedisConnection(
        { urls: [`redis://127.0.0.1:${to}`], cluster: true },
        'producer',
        {
          onError: () => undefined,
        },
      );
      await waitForRedisReady(earlier);
      const lost = await cluster.crashReplica();
      try {
        const checks = await checkRedis(earlier);
        expect(checks.filter((c) => c.state !== 'pass')).toEqual([
          expect.objectContaining({ name: `redis (node 127.0.0.1:${lost}): answers`, state: 'warn' }),
        ]);
        await expect(assertRedisReady(earlier)).resolves.toEqual({ persistent: true });
      } finally {
        earlier.disconnect();
      }
      expect((await fetch(`${h.runtime.url}/readyz`)).status).toBe(200);
      await expect(assertRedisReady(h.redis)).resolves.toEqual({ persistent: true });
      const fresh = await checkRedisAt({ urls: cluster.liveUrls(), cluster: true });
      expect(fresh.filter((c) => c.state === 'fail')).toEqual([]);
    }, 180_000);
  },
);

/** Delivers until the receiver accepts it (GitHub redelivers a 5xx); returns every status seen. */
async function deliverUntilAccepted(h: Harness, event: string, payload: unknown): Promise<number[]> {
  const deliveryId = randomUUID();
  const statuses: number[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status } = await h.deliver(event, payload, deliveryId).catch(() => ({ status: 0 }));
    statuses.push(status);
    if (status === 200 || Date.now() > deadline) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
