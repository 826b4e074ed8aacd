// Memory of the receiver under a flood of unsigned bodies (issue 12, defect 5): 16 parallel 24 MB
// bodies with a well-formed but wrong signature, plus 16 with no signature, while valid deliveries
// keep coming. The receiver runs in a child process (its RSS is what is measured), first with its
// default body budget, then with the budget lifted (what the receiver did before), each against
// its own idle RSS in the same run. Prints peak RSS, the ratio to idle, and the valid deliveries'
// answers. Run: npx tsx bench/webhook-flood.ts [rounds]   (needs Redis on 127.0.0.1:6379)
import { fork, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { deliverWebhook } from '../emulators/github/deliver-webhook.js';
import { BodyBudget } from '../src/app/body-budget.js';
import { createProbot } from '../src/app/create-probot.js';
import { createReceiver, WEBHOOK_PATH } from '../src/app/create-receiver.js';
import { createLogger } from '../src/log/create-logger.js';
import { enqueueScan } from '../src/queue/enqueue-scan.js';
import { createQueues } from '../src/queue/queues.js';
import { createRedisConnection } from '../src/queue/redis-connection.js';
import { openRawPost } from '../test/support/raw-webhook.js';
import { webhookExample } from '../test/support/webhook-examples.js';

const SECRET = 'bench-secret';
const REDIS_URL = process.env['ROOTGUARD_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const FLOOD = 16;
const BODY_BYTES = 24 * 1000 * 1000;
const MiB = 1024 * 1024;

type ChildMessage = { url: string } | { peakRss: number; idleRss: number; maxRss: number };

/** The receiver's side: listen, sample RSS every 5 ms, answer the parent's questions. */
async function runReceiver(unbounded: boolean): Promise<void> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const connection = createRedisConnection(REDIS_URL, 'producer');
  const prefix = `rg-bench-flood-${randomUUID().slice(0, 8)}`;
  const queues = createQueues({ connection, prefix });
  const server = await createReceiver({
    probot: createProbot({
      appId: 1,
      privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      webhookSecret: SECRET,
      githubApiUrl: 'http://127.0.0.1:9',
      log: createLogger({ level: 'silent' }),
    }),
    deps: {
      enqueueScan: async (job) => void (await enqueueScan(queues.scan, job)),
      enqueueScans: async (_, jobs) =>
        void (await Promise.all(jobs.map((job) => enqueueScan(queues.scan, job)))),
      enqueueCommand: async () => undefined,
      identity: { appId: 1 },
    },
    healthy: async () => true,
    ...(unbounded
      ? { bodyBudget: new BodyBudget({ maxBodies: Infinity, maxBytes: Infinity, maxWaiting: Infinity }) }
      : {}),
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  global.gc?.();
  const idleRss = process.memoryUsage.rss();
  let peakRss = idleRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 5);
  process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}` });
  process.on('message', async () => {
    clearInterval(sampler);
    process.send!({ peakRss, idleRss, maxRss: process.resourceUsage().maxRSS * 1024 });
    server.closeAllConnections();
    server.close();
    await queues.scan.obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await connection.quit();
    process.exit(0);
  });
}

function pushPayload() {
  return {
    ...webhookExample('push'),
    installation: { id: 1 },
    ref: 'refs/heads/main',
    before: 'a'.repeat(40),
    after: 'b'.repeat(40),
  };
}

/** One flood against a fresh receiver process; returns its memory and the valid answers. */
async function flood(unbounded: boolean) {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--receiver', String(unbounded)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
  });
  const next = async () => ((await once(child, 'message')) as [ChildMessage])[0];
  const { url } = (await next()) as { url: string };
  const body = Buffer.alloc(BODY_BYTES, 0x20);
  const posts = Array.from({ length: FLOOD * 2 }, (_, i) => {
    const headers: Record<string, string> = { 'x-github-event': 'push', 'x-github-delivery': randomUUID() };
    if (i % 2 === 0) headers['x-hub-signature-256'] = `sha256=${'0'.repeat(64)}`;
    const post = openRawPost(url, headers, BODY_BYTES);
    post.end(body);
    // 0: the receiver closed the connection while the body was still being sent (an early 401).
    return post.answer.then(
      (a) => `${i % 2 === 0 ? 'wrong' : 'none'}:${a.status}`,
      () => `${i % 2 === 0 ? 'wrong' : 'none'}:closed`,
    );
  });
  const valid: number[] = [];
  const started = performance.now();
  for (let i = 0; i < 10; i++) {
    const result = await deliverWebhook({ url, secret: SECRET, event: 'push', payload: pushPayload() }).catch(
      () => ({ status: 0 }),
    );
    valid.push(result.status);
  }
  const statuses = await Promise.all(posts);
  const floodMs = performance.now() - started;
  child.send('report');
  const memory = (await next()) as { peakRss: number; idleRss: number; maxRss: number };
  await once(child, 'exit');
  return { ...memory, statuses, valid, floodMs };
}

const tally = (statuses: (number | string)[]) =>
  Object.entries(
    statuses.reduce<Record<string, number>>((all, s) => ({ ...all, [s]: (all[s] ?? 0) + 1 }), {}),
  )
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');

if (process.argv[2] === '--receiver') {
  await runReceiver(process.argv[3] === 'true');
} else {
  const rounds = Number(process.argv[2] ?? 1);
  console.log(
    `webhook flood: ${FLOOD} bodies of ${BODY_BYTES / 1e6} MB with a wrong signature + ${FLOOD} without one, 10 valid deliveries meanwhile (Node ${process.version})`,
  );
  for (let round = 1; round <= rounds; round++) {
    for (const unbounded of [false, true]) {
      const r = await flood(unbounded);
      const label = unbounded ? 'body budget lifted (the early 401 stays)' : 'default body budget';
      console.log(`\n${label}, round ${round}`);
      console.log(
        `  idle RSS ${(r.idleRss / MiB).toFixed(0)} MiB  peak RSS ${(r.peakRss / MiB).toFixed(0)} MiB (sampled every 5 ms)  max RSS ${(r.maxRss / MiB).toFixed(0)} MiB (kernel)  ratio peak/idle ${(r.peakRss / r.idleRss).toFixed(2)}×`,
      );
      console.log(
        `  flood answers: ${tally(r.statuses)}   valid deliveries: ${tally(r.valid)}   (${(r.floodMs / 1000).toFixed(1)} s)`,
      );
    }
  }
}
