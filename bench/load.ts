// Load (issue 16, "Scale out"): R receiver processes (`rootguard serve` with ROOTGUARD_WORKERS=none)
// and W worker processes (`rootguard worker`) on one Redis, against the GitHub and Unkey emulators
// (in this process). A generated stream of pushes, 1 % of them leaking a fresh root key (at least
// one per stage), is delivered at increasing rates, round-robin over the receivers. Per W and rate:
//   scans/s       pushes delivered ÷ (first delivery → scan queue empty)
//   ack p50/p99   the receivers' answer time to each delivery, as the sender sees it
//   revoke p99    the leaks' timeToRevokeMs (first webhook received → Unkey answered the reroll),
//                 read from the incident once its playbook run finished
//   Redis CPU     Redis's CPU time (INFO cpu) over the stage's time: the load a Redis Cluster's one
//                 slot (rootguard's keys share a hash tag) puts on its master
// Baseline in the same run: the same stream's ack times against a receiver whose enqueue is the
// only work (W = 0: no worker takes the jobs), so the ratios say what the workers cost the receivers.
// The commits are made before each stage starts (not timed). Needs `npm run build` (the processes
// run dist/) and Redis on 127.0.0.1:6379.
// Run: npm run bench:load [-- --workers 1,2,4] [-- --receivers 1] [-- --rates 2,5,10] [-- --seconds 10]
//      [-- --leak-percent 1] [-- --installations 1]
// GitHub writes (check runs, reports) are paced to one a second per installation over the whole
// fleet (src/github/installation-lane.ts), so with one installation scans/s stays near 0.5 whatever
// W is; --installations spreads the repositories over more.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { deliverWebhook } from '../emulators/github/deliver-webhook.js';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/github-emulator.js';
import { pushPayload } from '../emulators/github/webhook-payloads.js';
import { startUnkeyEmulator, type UnkeyEmulator } from '../emulators/unkey/unkey-emulator.js';
import { BENCH_REDIS_URL, benchRuntimeEnv } from './runtime-env.js';
import { fingerprintKey } from '../src/detect/fingerprint.js';
import { incidentIdFor } from '../src/incidents/incident-id.js';
import { IncidentStore } from '../src/incidents/incident-store.js';
import { RunStore } from '../src/incidents/run-store.js';
import { STEP_NAMES } from '../src/playbook/step-names.js';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2,4' },
    receivers: { type: 'string', default: '1' },
    rates: { type: 'string', default: '2,5,10' },
    seconds: { type: 'string', default: '10' },
    'leak-percent': { type: 'string', default: '1' },
    installations: { type: 'string', default: '1' },
  },
});
const WORKERS = args.workers.split(',').map(Number);
const RECEIVERS = Number(args.receivers);
const RATES = args.rates.split(',').map(Number);
const SECONDS = Number(args.seconds);
const LEAK_EVERY = Math.max(1, Math.round(100 / Number(args['leak-percent'])));
const BIN = new URL('../bin/rootguard.js', import.meta.url).pathname;
const FIRST_INSTALLATION = 91;
const OWNER = 'load';
const SECRET = `bench-${randomUUID()}`;
/** GitHub writes are paced per installation over every process (one a second): spread the repos. */
const INSTALLATIONS = Number(args.installations);
const REPOS = 8 * INSTALLATIONS;
const repoName = (r: number) => `${OWNER}-${r % INSTALLATIONS}/service-${r}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (values: readonly number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : `${Math.round(ms)} ms`);

interface Stage {
  readonly workers: number;
  readonly rate: number;
  readonly pushes: number;
  readonly leaks: number;
  readonly scansPerSecond: number;
  readonly ack: number[];
  readonly revoke: number[];
  readonly failures: string[];
  /** Redis's CPU time over the stage's time (1.00 = one core busy the whole stage). */
  readonly redisCpuShare: number;
}

/** A free loopback port (`PORT` takes 1 to 65535, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a `rootguard` process and resolves once it says it is up (its stderr line). */
async function startProcess(
  role: 'serve' | 'worker',
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url?: string }> {
  const child = spawn(process.execPath, [BIN, role], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left running when the bench gives up on it
      reject(new Error(`${role} did not start: ${stderr}`));
    }, 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /receiving webhooks at (\S+)\/api\/github\/webhooks/.exec(stderr)?.[1];
      if (url !== undefined || stderr.includes('workers running')) {
        clearTimeout(timer);
        resolve({ child, ...(url !== undefined ? { url } : {}) });
      }
    });
    child.on('exit', (code) => reject(new Error(`${role} exited ${code}: ${stderr}`)));
  });
}

/**
 * Redis's own CPU time so far (`INFO cpu`: user + system, all its threads), to show how busy the
 * one Redis is at each stage: what a Redis Cluster's single slot (one master) would have to carry.
 */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const read = (field: string) => Number(new RegExp(`^${field}:([0-9.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return read('used_cpu_user') + read('used_cpu_sys');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** The pushes of one stage, committed beforehand: `[payload, leaked key or undefined]`. */
async function preparePushes(
  github: GitHubEmulator,
  unkey: UnkeyEmulator,
  count: number,
  tag: string,
): Promise<[unknown, string | undefined][]> {
  const pushes: [unknown, string | undefined][] = [];
  // At least one leak per stage (in its middle), then one every LEAK_EVERY pushes.
  const leaksAt = new Set([Math.floor(count / 2)]);
  for (let i = LEAK_EVERY - 1; i < count; i += LEAK_EVERY) leaksAt.add(i);
  for (let i = 0; i < count; i++) {
    const repo = repoName(i % REPOS);
    const before = (await github.branchSha(repo, 'main'))!;
    const leaked = leaksAt.has(i)
      ? unkey.addRootKey({ name: `load-${tag}-${i}`, permissions: ['api.*.read_key'] }).key
      : undefined;
    const content = leaked ? `PORT=3000\nUNKEY_ROOT_KEY=${leaked}\n` : `change ${tag} ${i}\n`;
    const after = await github.commit(repo, 'main', { [`changes/${tag}-${i}.txt`]: content });
    pushes.push([await pushPayload(github, { repo, branch: 'main', before, after }), leaked]);
  }
  return pushes;
}

async function runWorkers(
  workers: number,
  github: GitHubEmulator,
  unkey: UnkeyEmulator,
  responderKey: string,
  redis: Redis,
): Promise<Stage[]> {
  const prefix = `rg-bench-load-${randomUUID().slice(0, 8)}`;
  const env = {
    ...benchRuntimeEnv({
      github,
      webhookSecret: SECRET,
      prefix,
      unkey: { url: unkey.url, responderKey },
    }),
    LOG_LEVEL: 'silent',
  };
  // Every process that started is stopped, even when another failed to start (a bench that died
  // here once left a worker holding its health port, and the next test run failed on it).
  const starts = [
    ...Array.from({ length: RECEIVERS }, async () =>
      startProcess('serve', {
        ...env,
        ROOTGUARD_WORKERS: 'none',
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
      }),
    ),
    ...Array.from({ length: workers }, () =>
      startProcess('worker', {
        ...env,
        ROOTGUARD_WORKERS: 'scan,playbook,notify,command',
        ROOTGUARD_HEALTH_PORT: '0',
      }),
    ),
  ];
  const settled = await Promise.allSettled(starts);
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const refused = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (refused) {
    await Promise.all(started.map(({ child }) => stop(child)));
    throw refused.reason;
  }
  const receivers = started.slice(0, RECEIVERS);
  const workerProcesses = started.slice(RECEIVERS);
  const scanQueue = new Queue('scan', { connection: redis, prefix });
  const incidents = new IncidentStore(redis, { prefix });
  const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
  const stages: Stage[] = [];
  try {
    for (const rate of RATES) {
      const count = rate * SECONDS;
      const pushes = await preparePushes(github, unkey, count, `w${workers}-r${rate}`);
      const ack: number[] = [];
      const failures: string[] = [];
      const cpuBefore = await redisCpuSeconds(redis);
      const started = performance.now();
      const deliveries: Promise<void>[] = [];
      for (const [i, [payload]] of pushes.entries()) {
        // Open loop: each push leaves at its time, whether or not earlier answers came back.
        const due = started + (i * 1000) / rate;
        await sleep(due - performance.now());
        const receiver = receivers[i % receivers.length]!;
        const sent = performance.now();
        deliveries.push(
          deliverWebhook({
            url: `${receiver.url}/api/github/webhooks`,
            secret: SECRET,
            event: 'push',
            payload,
          }).then((answer) => {
            ack.push(performance.now() - sent);
            if (answer.status !== 200) failures.push(`delivery ${i} answered ${answer.status}`);
          }),
        );
      }
      await Promise.all(deliveries);
      if (workers > 0) {
        for (;;) {
          const counts = await scanQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          if (Object.values(counts).every((n) => n === 0)) break;
          await sleep(20);
        }
      }
      const scanSeconds = (performance.now() - started) / 1000;
      const redisCpuShare = ((await redisCpuSeconds(redis)) - cpuBefore) / scanSeconds;
      const revoke: number[] = [];
      const leaked = pushes.flatMap(([, key]) => (key ? [key] : []));
      for (const key of workers > 0 ? leaked : []) {
        const id = incidentIdFor(fingerprintKey(key));
        const deadline = Date.now() + 120_000;
        for (;;) {
          const state = await runs.currentRun(id);
          if (state?.run.finishedAt) {
            const incident = await incidents.get(id);
            if (incident?.timeToRevokeMs === undefined) failures.push(`incident ${id}: not revoked`);
            else revoke.push(incident.timeToRevokeMs);
            break;
          }
          if (Date.now() > deadline) {
            failures.push(`incident ${id}: the playbook did not finish in 120 s`);
            break;
          }
          await sleep(50);
        }
      }
      stages.push({
        workers,
        rate,
        pushes: count,
        leaks: leaked.length,
        scansPerSecond: count / scanSeconds,
        ack,
        revoke,
        failures,
        redisCpuShare,
      });
      process.stderr.write(`  W=${workers} rate ${rate}/s: done\n`);
    }
  } finally {
    await scanQueue.close();
    await Promise.all([...receivers, ...workerProcesses].map(({ child }) => stop(child)));
    const written = await redis.keys(`${prefix}:*`);
    for (let i = 0; i < written.length; i += 500) await redis.del(...written.slice(i, i + 500));
  }
  return stages;
}

async function main(): Promise<void> {
  const github = await startGitHubEmulator();
  for (let n = 0; n < INSTALLATIONS; n++)
    github.addInstallation({ id: FIRST_INSTALLATION + n, account: { login: `${OWNER}-${n}` } });
  const unkey = await startUnkeyEmulator({ keyCacheMs: 0 });
  const responder = unkey.addRootKey({ name: 'rootguard responder', permissions: ['*'] });
  for (let r = 0; r < REPOS; r++) {
    const repo = repoName(r);
    await github.createRepository(repo, { installationId: FIRST_INSTALLATION + (r % INSTALLATIONS) });
    await github.commit(repo, 'main', { 'README.md': `# service ${r}\n` });
    github.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
  }
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
  const all: Stage[] = [];
  try {
    // Baseline: receivers alone (their answer time with nothing else running).
    all.push(...(await runWorkers(0, github, unkey, responder.key, redis)));
    for (const workers of WORKERS)
      all.push(...(await runWorkers(workers, github, unkey, responder.key, redis)));
  } finally {
    await redis.quit();
    await github.close();
    await unkey.close();
  }
  const baseline = new Map(all.filter((s) => s.workers === 0).map((s) => [s.rate, pct(s.ack, 99)]));
  const lines = [
    `cores: ${cpus().length} (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}; receivers: ${RECEIVERS}; installations: ${INSTALLATIONS}; ${SECONDS} s per rate; 1 push in ${LEAK_EVERY} leaks (at least one per rate)`,
    '',
    '| W | pushes/s sent | pushes | leaks | scans/s | ack p50 | ack p99 | ack p99 ÷ receivers alone | revoke p50 | revoke p99 | Redis CPU | failures |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...all
      .map((s) =>
        [
          s.workers === 0 ? '0 (baseline)' : s.workers,
          s.rate,
          s.pushes,
          s.leaks,
          s.workers === 0 ? '–' : s.scansPerSecond.toFixed(1),
          fmt(pct(s.ack, 50)),
          fmt(pct(s.ack, 99)),
          s.workers === 0 ? '1.00' : (pct(s.ack, 99) / baseline.get(s.rate)!).toFixed(2),
          fmt(pct(s.revoke, 50)),
          fmt(pct(s.revoke, 99)),
          `${Math.round(s.redisCpuShare * 100)} %`,
          s.failures.length,
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const failures = all.flatMap((s) => s.failures);
  if (failures.length > 0) {
    process.stderr.write(`${failures.slice(0, 20).join('\n')}\n`);
    process.exitCode = 1;
  }
}

await main();
