// How long the receiver takes to answer a signed webhook: p50/p99 over N deliveries against a
// running receiver (Probot's middleware: signature check, our handler, a BullMQ add on the real
// Redis), beside a baseline in the same run: a bare node:http server that reads the body and
// answers 200 (what any webhook endpoint must at least do). Then the same with a push payload of
// 2048 commits (GitHub's cap), to show the answer does not grow with the push beyond parsing it.
//
// First answer after start-up (issue 11 §2): the very first delivery to a fresh receiver, before
// any other, against the median of the later ones. The receiver is warmed up as `startRuntime`
// does (`warmUpReceiver`: one signed ping on a loopback port of its own before it listens);
// `--cold` leaves that out, for comparison (run both: each is a fresh process).
// Run: npx tsx bench/webhook-answer.ts [deliveries] [--cold]   (needs Redis on 127.0.0.1:6379)
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverWebhook } from '../emulators/github/deliver-webhook.js';
import { createProbot } from '../src/app/create-probot.js';
import { createReceiver } from '../src/app/create-receiver.js';
import { warmUpReceiver } from '../src/app/warm-up-receiver.js';
import { createLogger } from '../src/log/create-logger.js';
import { enqueueCommand } from '../src/queue/command-job.js';
import { enqueueScan } from '../src/queue/enqueue-scan.js';
import { createQueues } from '../src/queue/queues.js';
import { createRedisConnection } from '../src/queue/redis-connection.js';
import { webhookExample } from '../test/support/webhook-examples.js';

const COLD = process.argv.includes('--cold');
const DELIVERIES = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000);
const WARM_UP = 50;
const LARGE_DELIVERIES = Math.max(20, Math.round(DELIVERIES / 10));
const SECRET = 'bench-secret';
const REDIS_URL = process.env['ROOTGUARD_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
}

function pushPayload(commits: number) {
  const payload = webhookExample('push');
  const commit = payload.commits[0] ?? payload.head_commit;
  const files = Array.from({ length: 10 }, (_, i) => `services/api/src/module-${i}/handler.ts`);
  return {
    ...payload,
    installation: { id: 1, node_id: 'x' },
    ref: 'refs/heads/main',
    deleted: false,
    created: false,
    before: 'a'.repeat(40),
    after: 'b'.repeat(40),
    commits: Array.from({ length: commits }, (_, i) => ({
      ...commit,
      id: i.toString(16).padStart(40, '0'),
      added: files,
      modified: files,
    })),
  };
}

async function measure(url: string, payload: unknown, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await deliverWebhook({
      url,
      secret: SECRET,
      event: 'push',
      payload,
      deliveryId: randomUUID(),
    });
    times.push(performance.now() - started);
    if (result.status !== 200) throw new Error(`delivery answered ${result.status}: ${result.body}`);
  }
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const log = createLogger({ level: 'warn' });
const connection = createRedisConnection(REDIS_URL, 'producer');
const prefix = `rg-bench-${randomUUID().slice(0, 8)}`;
const queues = createQueues({ connection, prefix });
const probot = createProbot({
  appId: 1,
  privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  webhookSecret: SECRET,
  githubApiUrl: 'http://127.0.0.1:9',
  log,
});
const receiver = await createReceiver({
  probot,
  deps: {
    enqueueScan: async (job) => void (await enqueueScan(queues.scan, job)),
    enqueueScans: async (_, jobs) =>
      void (await Promise.all(jobs.map((job) => enqueueScan(queues.scan, job)))),
    enqueueCommand: async (job) => void (await enqueueCommand(queues.command, job)),
    identity: { appId: 1, botLogin: 'rootguard[bot]' },
  },
  healthy: async () => true,
});
const baseline = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n'));
});
if (!COLD) await warmUpReceiver(receiver, SECRET);
const [receiverUrl, baselineUrl] = [await listen(receiver), await listen(baseline)];

try {
  // Before anything else reaches the receiver.
  const [first] = await measure(receiverUrl, pushPayload(1), 1);
  const rows: [string, number[], number[]][] = [];
  for (const [label, payload, count] of [
    ['push, 1 commit', pushPayload(1), DELIVERIES],
    ['push, 2048 commits', pushPayload(2048), LARGE_DELIVERIES],
  ] as const) {
    const size = Buffer.byteLength(JSON.stringify(payload));
    await measure(baselineUrl, payload, WARM_UP);
    await measure(receiverUrl, payload, WARM_UP);
    const base = await measure(baselineUrl, payload, count);
    const ours = await measure(receiverUrl, payload, count);
    rows.push([`${label} (${(size / 1024).toFixed(0)} KiB) × ${count}`, base, ours]);
  }
  console.log(`webhook answer time, ${DELIVERIES} deliveries (Node ${process.version})`);
  for (const [label, base, ours] of rows) {
    console.log(`\n${label}`);
    console.log(
      `  baseline (read body, 200): p50 ${fmt(pct(base, 50))}  p99 ${fmt(pct(base, 99))}  max ${fmt(base.at(-1)!)}`,
    );
    console.log(
      `  rootguard receiver:        p50 ${fmt(pct(ours, 50))}  p99 ${fmt(pct(ours, 99))}  max ${fmt(ours.at(-1)!)}`,
    );
    console.log(
      `  ratio rootguard/baseline:  p50 ${(pct(ours, 50) / pct(base, 50)).toFixed(1)}×  p99 ${(pct(ours, 99) / pct(base, 99)).toFixed(1)}×`,
    );
  }
  const later = rows[0]![2];
  console.log(
    `\nfirst answer after start-up (${COLD ? 'cold: no warm-up' : 'warmed up as startRuntime does'}): ${fmt(first!)}; later ones p50 ${fmt(pct(later, 50))}; ratio ${(first! / pct(later, 50)).toFixed(1)}×`,
  );
  console.log(`\njobs queued: ${await queues.scan.count()}`);
} finally {
  receiver.close();
  baseline.close();
  await queues.close();
  // Everything the run wrote, under its own prefix (queues, their meta keys).
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length > 0) await connection.del(...keys);
  await connection.quit();
}
