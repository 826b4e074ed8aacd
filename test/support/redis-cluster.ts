import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { PERSISTENT_REDIS_ARGS, startRedisServer, type OwnRedis } from './redis-server.js';

/** A Redis Cluster of real `redis-server` processes on free ports, made by `redis-cli --cluster create`. */
export interface OwnRedisCluster {
  /** Every node's URL (masters and replicas): seed nodes for a client. */
  readonly urls: readonly string[];
  /** The URLs of the nodes still running (seed nodes for a client made after a crash). */
  liveUrls(): [string, ...string[]];
  /** The port of the master that serves `key`'s slot now. */
  masterPortFor(key: string): Promise<number>;
  /**
   * Crashes the master serving `key` (SIGKILL, after `WAIT` for its replica, so nothing it
   * acknowledged is lost) and returns its port at once, while the cluster has not noticed yet.
   */
  crashMasterOf(key: string): Promise<number>;
  /** Crashes one replica (SIGKILL) and returns its port: its master serves on, with one copy fewer. */
  crashReplica(): Promise<number>;
  /** Resolves with the new master's port once a replica has taken over from `from` and every slot is served. */
  waitForFailover(key: string, from: number): Promise<number>;
  /** Stops every node (their files go after the test file: `removeTestRedisServers`). */
  stop(): Promise<void>;
}

/** How long a node may be unreachable before the others fail it over (Redis's default is 15 s). */
const NODE_TIMEOUT_MS = 1_000;

/**
 * Starts `masters` masters with one replica each (`--cluster-replicas 1`), as production runs
 * one: append-only files on, `noeviction`, and a short node timeout so a failover takes seconds.
 * Each node is a `startRedisServer` of its own (its port, its directory).
 */
export async function startRedisCluster(masters = 3): Promise<OwnRedisCluster> {
  const nodes = new Map<number, OwnRedis>();
  for (let i = 0; i < masters * 2; i++) {
    const node = await startRedisServer([
      ...PERSISTENT_REDIS_ARGS,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      'nodes.conf',
      '--cluster-node-timeout',
      String(NODE_TIMEOUT_MS),
    ]);
    nodes.set(node.port, node);
  }
  const ports = [...nodes.keys()];
  const created = spawnSync(
    'redis-cli',
    [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ],
    { encoding: 'utf8' },
  );
  if (created.status !== 0)
    throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  await waitForClusterOk(ports);
  await waitForReplicas(ports[0]!, masters);

  const masterPortFor = async (key: string): Promise<number> => {
    const live = [...nodes.keys()];
    const slot = await ask(live[0]!, (r) => r.cluster('KEYSLOT', key));
    const ranges = await ask(live[0]!, (r) => r.cluster('SLOTS'));
    const range = ranges.find(([from, to]) => slot >= from && slot <= to);
    if (!range) throw new Error(`no master serves slot ${slot}`);
    const master = range[2];
    if (!master) throw new Error(`slot ${slot} lists no master`);
    return master[1];
  };

  return {
    urls: ports.map((port) => `redis://127.0.0.1:${port}`),
    liveUrls: () => [...nodes.values()].map((node) => node.url) as [string, ...string[]],
    masterPortFor,
    async crashMasterOf(key) {
      const from = await masterPortFor(key);
      // Everything the master acknowledged reaches its replica before the crash.
      await ask(from, (r) => r.call('WAIT', '1', '5000'));
      await nodes.get(from)!.kill();
      nodes.delete(from);
      return from;
    },
    async crashReplica() {
      const live = [...nodes.keys()];
      const lines = String(await ask(live[0]!, (r) => r.cluster('NODES'))).split('\n');
      const replica = lines
        .map((line) => line.split(' '))
        .find((fields) => fields[2]?.split(',').includes('slave') && !fields[2].includes('fail'));
      const port = Number(/:(\d+)@/.exec(replica?.[1] ?? '')?.[1]);
      const node = nodes.get(port);
      if (!node) throw new Error('the cluster has no live replica');
      await node.kill();
      nodes.delete(port);
      return port;
    },
    async waitForFailover(key, from) {
      const live = [...nodes.keys()];
      const deadline = Date.now() + 30_000;
      for (;;) {
        const to = await masterPortFor(key).catch(() => from);
        if (to !== from && (await clusterOk(live))) return to;
        if (Date.now() > deadline) throw new Error(`no replica took over from 127.0.0.1:${from} within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      await Promise.all([...nodes.values()].map((node) => node.stop()));
    },
  };
}

/** Runs `work` on a short-lived connection to one node. */
async function ask<T>(port: number, work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(port, '127.0.0.1', {
    retryStrategy: (n) => (n > 50 ? null : 100),
    maxRetriesPerRequest: null,
  });
  redis.on('error', () => undefined);
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

async function clusterOk(ports: readonly number[]): Promise<boolean> {
  for (const port of ports) {
    const info = String(await ask(port, (r) => r.cluster('INFO')));
    if (!/^cluster_state:ok/m.test(info)) return false;
  }
  return true;
}

async function waitForClusterOk(ports: readonly number[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await clusterOk(ports))) {
    if (Date.now() > deadline)
      throw new Error('the Redis Cluster did not reach cluster_state:ok within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until `CLUSTER SLOTS` lists a replica beside each master (the replicas have synced). */
async function waitForReplicas(port: number, masters: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ranges = await ask(port, (r) => r.cluster('SLOTS'));
    const withReplica = ranges.filter((range) => range.length >= 4).length;
    if (ranges.length >= masters && withReplica === ranges.length) return;
    if (Date.now() > deadline) throw new Error('the replicas did not join the Redis Cluster within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
