// Time to contain a leaked root key (issue 4): `timeToContainMs` (first webhook received →
// revocation confirmed, recorded by the playbook's confirm step) over N incidents, with both
// emulators at 0 ms and at 100 ms per request. rootguard runs `serve` in process (silent logger)
// against the GitHub emulator, the Unkey emulator (keyCacheMs 0: Unkey's key cache would make
// confirm wait for the cache to age out) and the real Redis under its own prefix.
//
// Each root key is seeded in the Unkey emulator, committed to one of N/10 repositories that hold
// a secret UNKEY_ROOT_KEY (the default deploy target, so distribute sets it), and the push is
// delivered. Deliveries are sequential: the next one --gap-ms (default 1100) after the previous
// run finished, so Probot's write throttle (one GitHub write per second per process) has let go of
// the previous incident's writes. Each figure is then one incident alone, without queueing, as
// leaks arrive minutes apart; back to back, each incident would also wait on the last one's writes.
//
// Baseline, interleaved (one round after each incident, same emulators, same latency): the bare
// calls on the critical path, done directly with fetch: probe (apis.getApi with the leaked key),
// rootKeys.rerollKey, GET the repository's public key, seal, PUT the secret, probe again.
//
// Three clocks per incident, from the first webhook received (issue 11 §2): timeToRevokeMs
// (Unkey answered the reroll), timeToDeployedMs (every deploy target holds the replacement),
// timeToContainMs (a probe saw the key dead). Read from the incident record; where the record
// has no such field yet, computed here from the run's step records (contain's and distribute's
// finishedAt) and marked "from steps" in the output.
//
// --backlog N (issue 12 defect 3): N clean pushes (another repository of the installation) are
// delivered right before each leaking push, so the leak's scan is queued behind theirs and its
// playbook's writes compete with their check runs. The next incident starts once every scan of
// the round has finished (their check runs are written one a second).
// Run: npm run bench:contain [-- --quick] [-- --incidents 200] [-- --latency 0,100] [-- --gap-ms 1100]
//      [-- --backlog 30]   (needs Redis on 127.0.0.1:6379)
import { randomInt, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import sodium from 'libsodium-wrappers';
import { deliverWebhook } from '../emulators/github/deliver-webhook.js';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/github-emulator.js';
import { pushPayload } from '../emulators/github/webhook-payloads.js';
import { startUnkeyEmulator, type UnkeyEmulator } from '../emulators/unkey/unkey-emulator.js';
import { startRuntime } from '../src/cli/runtime/start-runtime.js';
import { BENCH_REDIS_URL, benchRuntimeEnv } from './runtime-env.js';
import { fingerprintKey } from '../src/detect/fingerprint.js';
import { incidentIdFor } from '../src/incidents/incident-id.js';
import { IncidentStore } from '../src/incidents/incident-store.js';
import { RunStore } from '../src/incidents/run-store.js';
import { STEP_NAMES } from '../src/playbook/step-names.js';
import { createLogger } from '../src/log/create-logger.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    incidents: { type: 'string' },
    latency: { type: 'string', default: '0,100' },
    'gap-ms': { type: 'string', default: '1100' },
    backlog: { type: 'string', default: '0' },
  },
});
const INCIDENTS = Number(args.incidents ?? (args.quick ? 20 : 200));
const LATENCIES = args.latency.split(',').map(Number);
const GAP_MS = Number(args['gap-ms']);
const BACKLOG = Number(args.backlog);
const KEYS_PER_REPO = 10;
const INSTALLATION = 77;
const OWNER = 'bench';
const SECRET = 'bench-secret';
const PERMISSIONS = ['api.*.create_key', 'api.*.read_key'];
/** The phases of timeToContainMs, in order: the scan until the playbook starts, then its steps. */
const STEPS = ['verify', 'identify', 'gate', 'contain', 'distribute', 'confirm'] as const;
const SCAN_PHASE = 'scan → playbook start';
/** First webhook received → the reroll answered (the key is dead in Unkey from then on). */
const REVOKED = 'webhook → rerolled';
/** The three clocks of an incident, by their field names. */
const CLOCKS = ['timeToRevokeMs', 'timeToDeployedMs', 'timeToContainMs'] as const;
type Clock = (typeof CLOCKS)[number];
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

interface Result {
  readonly latencyMs: number;
  readonly contain: number[];
  readonly baseline: number[];
  readonly failures: string[];
  /** Phase → its time per incident (ms). */
  readonly phases: Map<string, number[]>;
  readonly clocks: Map<Clock, number[]>;
  /** Clocks computed from step records because the incident had no such field. */
  readonly fromSteps: Set<Clock>;
  readonly githubPerIncident: number;
  readonly unkeyPerIncident: number;
  readonly seconds: number;
}

const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One round of the bare critical-path calls against the emulators; returns its wall time. */
async function bareCalls(github: GitHubEmulator, unkey: UnkeyEmulator, responderKey: string, repo: string) {
  const leaked = unkey.addRootKey({ name: 'bench-baseline', permissions: PERMISSIONS });
  const token = github.issueInstallationToken(INSTALLATION);
  const gh = { authorization: `token ${token}`, accept: 'application/vnd.github+json' };
  const probe = async () => {
    let apiId = 'api_';
    for (let i = 0; i < 24; i++) apiId += BASE58[randomInt(BASE58.length)];
    const res = await fetch(`${unkey.url}/v2/apis.getApi`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leaked.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ apiId }),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: { detail?: string } };
    // Dead as the real Unkey says it: unknown (401), or expired (403 forbidden, "has expired").
    return res.status === 401 || (res.status === 403 && /has expired/.test(body.error?.detail ?? ''))
      ? 'dead'
      : res.status;
  };
  const started = performance.now();
  if ((await probe()) === 'dead') throw new Error('baseline: the fresh key is already dead');
  const reroll = await fetch(`${unkey.url}/v2/rootKeys.rerollKey`, {
    method: 'POST',
    headers: { authorization: `Bearer ${responderKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ keyId: leaked.keyId, expiration: 0 }),
  });
  const { data } = (await reroll.json()) as { data: { key: string } };
  const keyRes = await fetch(`${github.url}/repos/${repo}/actions/secrets/public-key`, { headers: gh });
  const publicKey = (await keyRes.json()) as { key: string; key_id: string };
  const sealed = sodium.crypto_box_seal(
    sodium.from_string(data.key),
    sodium.from_base64(publicKey.key, sodium.base64_variants.ORIGINAL),
  );
  const put = await fetch(`${github.url}/repos/${repo}/actions/secrets/BENCH_BASELINE`, {
    method: 'PUT',
    headers: { ...gh, 'content-type': 'application/json' },
    body: JSON.stringify({
      encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL),
      key_id: publicKey.key_id,
    }),
  });
  await put.arrayBuffer();
  if ((await probe()) !== 'dead') throw new Error('baseline: the rerolled key still works');
  const elapsed = performance.now() - started;
  if (!reroll.ok || !keyRes.ok || !put.ok)
    throw new Error(`baseline: ${reroll.status} ${keyRes.status} ${put.status}`);
  return elapsed;
}

async function runLatency(latencyMs: number, redis: Redis): Promise<Result> {
  const began = performance.now();
  const github = await startGitHubEmulator({ latencyMs });
  github.addInstallation({ id: INSTALLATION, account: { login: OWNER } });
  const unkey = await startUnkeyEmulator({ latencyMs, keyCacheMs: 0 });
  const responder = unkey.addRootKey({ name: 'rootguard responder', permissions: ['*'] });
  const repos: string[] = [];
  for (let r = 0; r < Math.ceil(INCIDENTS / KEYS_PER_REPO); r++) {
    const repo = `${OWNER}/service-${r}`;
    await github.createRepository(repo, { installationId: INSTALLATION });
    await github.commit(repo, 'main', { 'README.md': `# service ${r}\n` });
    github.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    repos.push(repo);
  }
  const backlogRepo = `${OWNER}/backlog`;
  await github.createRepository(backlogRepo, { installationId: INSTALLATION });
  await github.commit(backlogRepo, 'main', { 'README.md': '# clean pushes\n' });
  const baselineRepo = `${OWNER}/baseline`;
  await github.createRepository(baselineRepo, { installationId: INSTALLATION });
  const keys = Array.from({ length: INCIDENTS }, (_, i) =>
    unkey.addRootKey({ name: `service-${Math.floor(i / KEYS_PER_REPO)}-${i}`, permissions: PERMISSIONS }),
  );
  const prefix = `rg-bench-${randomUUID().slice(0, 8)}`;
  const runtime = await startRuntime({
    role: 'serve',
    env: benchRuntimeEnv({
      github,
      webhookSecret: SECRET,
      prefix,
      unkey: { url: unkey.url, responderKey: responder.key },
    }),
    port: 0,
    prefix,
    log: createLogger({ level: 'silent' }),
  });
  const incidents = new IncidentStore(redis, { prefix });
  const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
  const contain: number[] = [];
  const baseline: number[] = [];
  const failures: string[] = [];
  const phases = new Map<string, number[]>([SCAN_PHASE, ...STEPS, REVOKED].map((p) => [p, []]));
  const clocks = new Map<Clock, number[]>(CLOCKS.map((c) => [c, []]));
  const fromSteps = new Set<Clock>();
  // On the run's shared connection: a queue does not close a connection it was given, and one of
  // its own kept the process alive after the run.
  const scanQueue = new Queue('scan', { connection: redis, prefix });
  const scansLeft = async () => {
    const counts = await scanQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };
  const requestsAtStart = { github: github.requests.length, unkey: unkey.requests.length };
  try {
    // One untimed round of each first: connections, token, JIT, the capability cache.
    await bareCalls(github, unkey, responder.key, baselineRepo);
    for (let i = 0; i < INCIDENTS; i++) {
      const repo = repos[Math.floor(i / KEYS_PER_REPO)]!;
      const { key } = keys[i]!;
      const backlog: unknown[] = [];
      for (let b = 0; b < BACKLOG; b++) {
        const from = (await github.branchSha(backlogRepo, 'main'))!;
        const to = await github.commit(backlogRepo, 'main', { [`notes/${i}-${b}.md`]: `note ${b}\n` });
        backlog.push(
          await pushPayload(github, { repo: backlogRepo, branch: 'main', before: from, after: to }),
        );
      }
      const before = (await github.branchSha(repo, 'main'))!;
      const after = await github.commit(repo, 'main', {
        [`deploy/${i}.env`]: `PORT=3000\nUNKEY_ROOT_KEY=${key}\n`,
      });
      for (const payload of backlog) {
        const answer = await deliverWebhook({
          url: `${runtime.url}/api/github/webhooks`,
          secret: SECRET,
          event: 'push',
          payload,
        });
        if (answer.status !== 200) throw new Error(`backlog delivery answered ${answer.status}`);
      }
      const delivery = await deliverWebhook({
        url: `${runtime.url}/api/github/webhooks`,
        secret: SECRET,
        event: 'push',
        payload: await pushPayload(github, { repo, branch: 'main', before, after }),
      });
      if (delivery.status !== 200) throw new Error(`delivery answered ${delivery.status}`);
      const incidentId = incidentIdFor(fingerprintKey(key));
      const waitUntil = Date.now() + 120_000;
      for (;;) {
        const state = await runs.currentRun(incidentId);
        if (state?.run.finishedAt) {
          const confirm = state.steps.get('confirm')?.outcome;
          const distribute = state.steps.get('distribute')?.outcome;
          const incident = await incidents.get(incidentId);
          if (confirm !== 'done' || distribute !== 'done' || incident?.timeToContainMs === undefined)
            failures.push(`incident ${i}: confirm ${confirm}, distribute ${distribute}`);
          else {
            contain.push(incident.timeToContainMs);
            const received = Date.parse(incident.firstReceivedAt!);
            phases.get(SCAN_PHASE)!.push(Date.parse(state.run.startedAt) - received);
            const revokedAt = Date.parse(state.steps.get('contain')!.finishedAt!) - received;
            phases.get(REVOKED)!.push(revokedAt);
            const recorded = incident as unknown as Partial<Record<Clock, number>>;
            const computed: Record<Clock, number> = {
              timeToRevokeMs: revokedAt,
              timeToDeployedMs: Date.parse(state.steps.get('distribute')!.finishedAt!) - received,
              timeToContainMs: incident.timeToContainMs,
            };
            for (const clock of CLOCKS) {
              const value = recorded[clock];
              if (typeof value !== 'number') fromSteps.add(clock);
              clocks.get(clock)!.push(typeof value === 'number' ? value : computed[clock]);
            }
            for (const step of STEPS) phases.get(step)!.push(state.steps.get(step)?.durationMs ?? 0);
          }
          break;
        }
        if (Date.now() > waitUntil) throw new Error(`incident ${i}: the playbook did not finish in 120 s`);
        await sleep(10);
      }
      // The round's clean scans finish (their check runs, one write a second) before the next.
      while ((await scansLeft()) > 0) {
        if (Date.now() > waitUntil + 300_000)
          throw new Error(`incident ${i}: the backlog's scans did not finish`);
        await sleep(50);
      }
      const gapStarted = performance.now();
      baseline.push(await bareCalls(github, unkey, responder.key, baselineRepo));
      await sleep(GAP_MS - (performance.now() - gapStarted));
      if ((i + 1) % 50 === 0) process.stderr.write(`  latency ${latencyMs} ms: ${i + 1}/${INCIDENTS}\n`);
    }
    if (github.violations.length > 0 || unkey.violations.length > 0)
      failures.push(
        `emulator violations: GitHub ${github.violations.length}, Unkey ${unkey.violations.length}`,
      );
    // Requests per incident, rootguard's only (the baseline rounds are subtracted).
    const rounds = INCIDENTS + 1;
    return {
      latencyMs,
      clocks,
      fromSteps,
      contain,
      baseline,
      failures,
      phases,
      // The clean pushes' requests are left out (their repository's paths).
      githubPerIncident:
        (github.requests
          .slice(requestsAtStart.github)
          .filter((r) => !r.path.startsWith(`/repos/${backlogRepo}/`)).length -
          rounds * 2) /
        INCIDENTS,
      unkeyPerIncident: (unkey.requests.length - requestsAtStart.unkey - rounds * 3) / INCIDENTS,
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    await scanQueue.close();
    await runtime.close();
    // Everything the run wrote, under its own prefix (queues, incidents, runs, timelines).
    const written = await redis.keys(`${prefix}:*`);
    if (written.length > 0) await redis.del(...written);
    await github.close();
    await unkey.close();
  }
}

await sodium.ready;
const redis = new Redis(BENCH_REDIS_URL);
const dbsizeBefore = await redis.dbsize();
const results: Result[] = [];
try {
  for (const latencyMs of LATENCIES) results.push(await runLatency(latencyMs, redis));
} finally {
  const dbsizeAfter = await redis.dbsize();
  const left = (await redis.keys('rg-bench-*')).length;
  console.error(`keys left under rg-bench-*: ${left}`);
  await redis.quit();
  console.error(`redis dbsize before ${dbsizeBefore}, after ${dbsizeAfter}`);
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
console.log(
  `three clocks over ${INCIDENTS} incidents, sequential deliveries ${GAP_MS} ms apart, ${BACKLOG} clean pushes queued ahead of each leak, Unkey keyCacheMs 0 (Node ${process.version})`,
);
for (const r of results) {
  const c = sorted(r.contain);
  const b = sorted(r.baseline);
  console.log(`\nemulators at ${r.latencyMs} ms per request (${r.seconds.toFixed(0)} s)`);
  for (const clock of CLOCKS) {
    const v = sorted(r.clocks.get(clock)!);
    if (v.length === 0) continue;
    console.log(
      `  ${`${clock}:`.padEnd(27)} p50 ${ms(pct(v, 50))}  p90 ${ms(pct(v, 90))}  p99 ${ms(pct(v, 99))}  max ${ms(v.at(-1)!)}${r.fromSteps.has(clock) ? '  (from steps: not in the incident record yet)' : ''}`,
    );
  }
  console.log(
    `  rootguard timeToContainMs:  p50 ${ms(pct(c, 50))}  p90 ${ms(pct(c, 90))}  p99 ${ms(pct(c, 99))}  max ${ms(c.at(-1)!)}  (${c.length} contained)`,
  );
  console.log(
    `  bare critical-path calls:   p50 ${ms(pct(b, 50))}  p90 ${ms(pct(b, 90))}  p99 ${ms(pct(b, 99))}  max ${ms(b.at(-1)!)}`,
  );
  console.log(
    `  ratio rootguard / bare:     p50 ${(pct(c, 50) / pct(b, 50)).toFixed(1)}×  p99 ${(pct(c, 99) / pct(b, 99)).toFixed(1)}×`,
  );
  console.log(
    `  requests per incident:      GitHub ${r.githubPerIncident.toFixed(1)}, Unkey ${r.unkeyPerIncident.toFixed(1)} (bare: 2 and 3)`,
  );
  const revoked = sorted(r.phases.get(REVOKED)!);
  console.log(
    `  webhook → reroll answered:  p50 ${ms(pct(revoked, 50))}  p90 ${ms(pct(revoked, 90))}  p99 ${ms(pct(revoked, 99))}  max ${ms(revoked.at(-1)!)}`,
  );
  console.log(
    `  medians by phase:           ${[...r.phases]
      .filter(([name]) => name !== REVOKED)
      .map(([name, v]) => `${name} ${ms(pct(sorted(v), 50))}`)
      .join(', ')}`,
  );
  for (const failure of r.failures) console.log(`  FAILED ${failure}`);
}
if (results.some((r) => r.failures.length > 0)) process.exitCode = 1;
