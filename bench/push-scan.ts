// Scan time of a 300-file push through the GitHub emulator, beside baselines in the same run:
//   fetch only    the same API requests the source makes (compare, then the commit's file pages),
//                 with no detection: what any scanner must spend to read the push
//   source scan   scanCommitRange: the same requests plus hunk parsing and detection
//   end to end    a signed push webhook to `rootguard serve` (in-process, real Redis) until the
//                 incident is recorded, and until the check run is completed
// Each round pushes a fresh commit; rounds alternate the three. Medians count.
// Run: npx tsx bench/push-scan.ts [rounds]   (needs Redis on 127.0.0.1:6379)
import { randomUUID } from 'node:crypto';
import { ProbotOctokit } from 'probot';
import { Redis } from 'ioredis';
import { deliverWebhook } from '../emulators/github/deliver-webhook.js';
import { startGitHubEmulator } from '../emulators/github/github-emulator.js';
import { pushPayload } from '../emulators/github/webhook-payloads.js';
import { startRuntime } from '../src/cli/runtime/start-runtime.js';
import { createDetector } from '../src/detect/create-detector.js';
import { fingerprintKey } from '../src/detect/fingerprint.js';
import { incidentIdFor } from '../src/incidents/incident-id.js';
import { IncidentStore } from '../src/incidents/incident-store.js';
import { createLogger } from '../src/log/create-logger.js';
import { scanCommitRange } from '../src/sources/push-diff.js';
import { KeyGenerator } from '../test/support/keygen.js';
import { generateText } from './generate-text.js';
import { BENCH_REDIS_URL, benchRuntimeEnv } from './runtime-env.js';

const ROUNDS = Number(process.argv[2] ?? 5);
const FILES = 300;
const FILE_BYTES = 3_000;
const INSTALLATION = 77;
const REPO = 'bench/app';
const SECRET = 'bench-secret';

const emulator = await startGitHubEmulator();
emulator.addInstallation({ id: INSTALLATION, account: { login: 'bench' } });
await emulator.createRepository(REPO, { installationId: INSTALLATION });
await emulator.commit(REPO, 'main', { 'README.md': '# bench\n' });
const client = new ProbotOctokit({
  auth: { token: emulator.issueInstallationToken(INSTALLATION) },
  baseUrl: emulator.url,
  throttle: { enabled: false },
  retry: { enabled: false },
});
const detector = createDetector();
const gen = new KeyGenerator(9090);
const text = generateText(FILES * FILE_BYTES * 2, false).toString('utf8');

/** A commit of 300 source-like files, one of which holds a fresh key; returns the range and the key. */
async function pushCommit(round: number, label: string) {
  const before = (await emulator.branchSha(REPO, 'main'))!;
  const key = gen.rootKey();
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    const start = ((round * FILES + i) * 997) % (text.length - FILE_BYTES);
    files[`src/${label}/module-${i}.ts`] = text.slice(start, start + FILE_BYTES);
  }
  files[`src/${label}/module-150.ts`] += `\nconst rootKey = '${key}';\n`;
  const after = await emulator.commit(REPO, 'main', files, { message: `${label} ${round}` });
  return { before, after, key };
}

async function fetchOnly(before: string, after: string): Promise<void> {
  const [owner, repo] = REPO.split('/') as [string, string];
  const { data } = await client.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead: `${before}...${after}`,
  });
  for (const commit of data.commits)
    for (let page = 1; ; page++) {
      const { data: got } = await client.rest.repos.getCommit({
        owner,
        repo,
        ref: commit.sha,
        per_page: 100,
        page,
      });
      if ((got.files?.length ?? 0) < 100) break;
    }
}

const log = createLogger({ level: 'error' });
const prefix = `rg-bench-${randomUUID().slice(0, 8)}`;
const runtime = await startRuntime({
  role: 'serve',
  env: benchRuntimeEnv({ github: emulator, webhookSecret: SECRET, prefix }),
  port: 0,
  prefix,
  log,
});
const redis = new Redis(BENCH_REDIS_URL);
const incidents = new IncidentStore(redis, { prefix });

const times = {
  fetch: [] as number[],
  source: [] as number[],
  incident: [] as number[],
  checkRun: [] as number[],
};
try {
  for (let round = 0; round < ROUNDS; round++) {
    {
      const { before, after } = await pushCommit(round, 'fetch');
      const started = performance.now();
      await fetchOnly(before, after);
      times.fetch.push(performance.now() - started);
    }
    {
      const { before, after } = await pushCommit(round, 'source');
      const started = performance.now();
      const result = await scanCommitRange({
        client,
        detector,
        repo: { owner: 'bench', repo: 'app' },
        base: before,
        head: after,
      });
      times.source.push(performance.now() - started);
      if (result.findings.length !== 1) throw new Error(`expected 1 finding, got ${result.findings.length}`);
    }
    {
      const { before, after, key } = await pushCommit(round, 'e2e');
      const payload = await pushPayload(emulator, { repo: REPO, branch: 'main', before, after });
      const runsBefore = emulator.checkRuns(REPO).length;
      const started = performance.now();
      const delivery = await deliverWebhook({
        url: `${runtime.url}/api/github/webhooks`,
        secret: SECRET,
        event: 'push',
        payload,
      });
      if (delivery.status !== 200) throw new Error(`delivery answered ${delivery.status}`);
      const incidentId = incidentIdFor(fingerprintKey(key));
      let incidentAt = 0;
      for (;;) {
        if (!incidentAt && (await incidents.get(incidentId))) incidentAt = performance.now();
        const run = emulator.checkRuns(REPO)[runsBefore];
        if (incidentAt && run?.status === 'completed') break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      times.incident.push(incidentAt - started);
      times.checkRun.push(performance.now() - started);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const fetchMs = median(times.fetch);
  const row = (label: string, values: number[]) =>
    console.log(
      `  ${label.padEnd(44)} ${median(values).toFixed(0).padStart(6)} ms   ${(median(values) / fetchMs).toFixed(2)}× fetch`,
    );
  console.log(
    `300-file push (${FILES} files × ~${FILE_BYTES} B, 1 key), ${ROUNDS} rounds, medians (Node ${process.version})`,
  );
  row('fetch only (compare + commit file pages)', times.fetch);
  row('source scan (scanCommitRange)', times.source);
  row('webhook → incident recorded (serve)', times.incident);
  row('webhook → check run completed (serve)', times.checkRun);
} finally {
  await runtime.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await emulator.close();
}
