import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import type { RunState } from '../../src/incidents/run-store.js';
import { PLAYBOOK_QUEUE } from '../../src/queue/queues.js';
import { useHarness } from '../integration/harness.js';
import { AUTOMATIC_RUN, outcomesOf } from '../integration/playbook-support.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import {
  assertBuiltCliFresh,
  killAllWorkerProcesses,
  showWorkerOutputOnFailure,
  startWorkerProcess,
  type WorkerProcess,
} from '../support/worker-process.js';

const PERMISSIONS = ['api.*.create_key', 'api.*.read_key'];

/**
 * Where the first worker is killed: each step that has a side effect, once it has done it and
 * before the record that says so is saved (`stop-at-record.mjs`, `before:` mode).
 */
const CRASH_POINTS = [
  // The reroll happened; its answer (and the new key in it) is lost with the worker.
  'before:contain',
  // A secret was PUT; the checkpoint listing it was not saved.
  'before:distribute:set',
  // Every secret was PUT and checkpointed; the step's outcome was not saved.
  'before:distribute',
  // API keys the leaked key touched were flagged; the outcome was not saved.
  'before:flag',
  // The last step ran; the run is not marked finished, so nothing was handed to the reporters.
  'before:report',
] as const;

// F1 (issue 12): `rootguard worker` (a child process, the playbook's only worker at first) is
// killed with SIGKILL after a step's side effect and before its checkpoint; a second worker takes
// the job over. The final state equals a crash-free run's: one revoke, one live replacement, the
// secret correct, one pull request comment, one issue; the job stalled exactly once. Both workers
// run with the default lock settings (5 s lock, 2.5 s stalled check).
describe('F1: the worker is killed after each step’s side effect, before its checkpoint', () => {
  const h = useHarness(4911, { playbookWorker: false });
  const canaries: string[] = [];
  let events: QueueEvents;
  let eventsConnection: Redis;
  /** Incident id → how often BullMQ reported its playbook job stalled. */
  const stalls = new Map<string, number>();
  beforeAll(async () => {
    assertBuiltCliFresh();
    canaries.push(h.env['UNKEY_ROOT_KEY']!);
    eventsConnection = new Redis(h.env['ROOTGUARD_REDIS_URL']!, { maxRetriesPerRequest: null });
    events = new QueueEvents(PLAYBOOK_QUEUE, { connection: eventsConnection, prefix: h.prefix });
    events.on('stalled', ({ jobId }) => stalls.set(jobId, (stalls.get(jobId) ?? 0) + 1));
    await events.waitUntilReady();
  });
  /** Case → time to contain (webhook → revocation confirmed) and to finish the run, in ms. */
  const costs = new Map<string, { containMs: number; runMs: number }>();
  const measure = async (label: string, incidentId: string, state: RunState) => {
    const incident = await h.incidents.get(incidentId);
    costs.set(label, {
      containMs: incident?.timeToContainMs ?? Number.NaN,
      runMs: Date.parse(state.run.finishedAt!) - Date.parse(state.run.startedAt),
    });
  };
  // Registered after the harness's: runs before it closes, whatever happened.
  afterAll(async () => {
    // The crash cost (issue 12, defect 7: at most 10 s more), measured in the same run; printed,
    // never asserted (timings belong to no test).
    const reference = costs.get('reference');
    if (reference)
      console.log(
        [...costs]
          .map(
            ([label, c]) =>
              `crash cost ${label}: contain ${c.containMs} ms (+${c.containMs - reference.containMs}), run ${c.runMs} ms (+${c.runMs - reference.runMs})`,
          )
          .join('\n'),
      );
    await killAllWorkerProcesses();
    await events?.close();
    eventsConnection?.disconnect();
  });

  const workers: WorkerProcess[] = [];
  const startWorker = (stopAt?: string) => {
    const worker = startWorkerProcess({ env: { ...h.env }, ...(stopAt !== undefined ? { stopAt } : {}) });
    workers.push(worker);
    return worker;
  };
  /** The case's worker output, shown only when it fails (and only if it holds no key). */
  const showOutputOnFailure = () => showWorkerOutputOnFailure(workers, canaries);

  const liveKeys = (name: string) =>
    h.unkey
      .rootKeys()
      .filter((k) => k.name === name && !k.deleted && (k.expires === null || k.expires > Date.now()));
  const rerolls = (keyIds: readonly string[]) =>
    h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey' && keyIds.some((id) => r.body.includes(id)));

  /**
   * Leaks a fresh key named `name` on a pull request of its own private repository (holding an
   * `UNKEY_ROOT_KEY` secret); returns the incident id once the scan has recorded it.
   */
  async function leakOnPullRequest(name: string) {
    const repo = await h.createRepo(name, { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const main = (await h.emulator.branchSha(repo, 'main')) as string;
    await h.emulator.createBranch(repo, 'feature/env', main);
    const pull = await h.emulator.openPullRequest(repo, { head: 'feature/env', base: 'main', title: 'env' });
    const leaked = h.unkey.addRootKey({ name, permissions: PERMISSIONS });
    canaries.push(h.watchKey(leaked.key));
    await h.emulator.commit(
      repo,
      'feature/env',
      { '.env.production': `PORT=3000\nUNKEY_ROOT_KEY=${leaked.key}\n` },
      { message: 'add production env' },
    );
    const push = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'feature/env', before: main }),
    );
    expect(push.status).toBe(200);
    await h.waitForScan(push.deliveryId);
    const incidentId = (await h.incidents.list()).at(-1)!;
    return { repo, pull, leaked, incidentId };
  }

  async function waitUntil(check: () => Promise<boolean> | boolean, worker: WorkerProcess, what: string) {
    while (!(await check())) {
      if (worker.hasExited()) throw new Error(`the worker exited before ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The state every run must end in, crash or not. */
  async function expectFinalState(
    name: string,
    leak: Awaited<ReturnType<typeof leakOnPullRequest>>,
    state: RunState,
  ) {
    const { repo, pull, leaked, incidentId } = leak;
    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'contained', run: 1 });
    // One revoke: the leaked key is dead, and it was rerolled once.
    expect(h.unkey.rootKey(leaked.keyId)!.expires).not.toBeNull();
    expect(rerolls([leaked.keyId])).toHaveLength(1);
    // One live replacement with the same permissions, set as the repository's secret.
    const live = liveKeys(name);
    expect(live).toHaveLength(1);
    expect(live[0]!.permissions).toEqual(PERMISSIONS);
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(value).toBeDefined();
    canaries.push(h.watchKey(value!));
    expect(fingerprintKey(value!)).toBe(live[0]!.hash);
    expect(state.steps.get('contain')!.detail).toMatchObject({ newKeyId: live[0]!.keyId });
    // One pull request comment, one issue.
    await h.waitForReports();
    expect(h.emulator.issueComments(repo, pull)).toHaveLength(1);
    expect(h.emulator.issues(repo).filter((i) => i.number !== pull)).toHaveLength(1);
    return live[0]!;
  }

  it('reference: a run without a crash', async () => {
    workers.length = 0;
    showOutputOnFailure();
    const worker = startWorker();
    const leak = await leakOnPullRequest('f01-reference');
    const state = await h.waitForPlaybook(leak.incidentId);
    await worker.stop('SIGTERM');
    await expectFinalState('f01-reference', leak, state);
    await measure('reference', leak.incidentId, state);
    expect(stalls.get(leak.incidentId) ?? 0).toBe(0);
  });

  it.each(CRASH_POINTS)(
    'killed at %s: a second worker finishes with the same final state',
    async (stopAt) => {
      workers.length = 0;
      showOutputOnFailure();
      const name = `f01-${stopAt.replaceAll(':', '-')}`;
      const first = startWorker(stopAt);
      const leak = await leakOnPullRequest(name);
      // Started once the first holds the job (it needs seconds to start: overlap them).
      await waitUntil(
        async () => (await h.runs.currentRun(leak.incidentId)) !== undefined,
        first,
        'the run began',
      );
      const second = startWorker();
      await waitUntil(() => first.isStopped(), first, `it reached ${stopAt}`);
      await first.stop('SIGKILL');

      const state = await h.waitForPlaybook(leak.incidentId);
      await second.stop('SIGTERM');
      const replacement = await expectFinalState(name, leak, state);
      await measure(stopAt, leak.incidentId, state);
      expect(stalls.get(leak.incidentId)).toBe(1);
      const orphans = state.steps.get('contain')!.detail!['orphansRevoked'] as string[] | undefined;
      if (stopAt === 'before:contain') {
        // The first reroll's new key was never recorded (its plaintext died with the worker): it
        // is found again and rerolled too, so still one live replacement, and the report names it.
        expect(orphans).toHaveLength(1);
        expect(orphans![0]).not.toBe(replacement.keyId);
        expect(liveKeys(name).map((k) => k.keyId)).not.toContain(orphans![0]);
      } else expect(orphans).toBeUndefined();
      const texts = workers.map((w, i): [string, string] => [`worker ${i + 1} output`, w.output()]);
      expect(findKeyMaterial(texts, canaries)).toEqual([]);
    },
  );
});
