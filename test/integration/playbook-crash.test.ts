import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import type { RunState } from '../../src/incidents/run-store.js';
import { STEP_NAMES, type StepName } from '../../src/playbook/step-names.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import {
  assertBuiltCliFresh,
  killAllWorkerProcesses,
  showWorkerOutputOnFailure,
  startWorkerProcess,
  type WorkerProcess,
} from '../support/worker-process.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';
import { AUTOMATIC_RUN, outcomesOf } from './playbook-support.js';

const PERMISSIONS = ['api.*.create_key', 'api.*.read_key'];
/** BullMQ's lock of a worker process: a killed worker's job is taken over within about twice this. */
const JOB_LOCK_MS = '1000';

// The playbook runs in `rootguard worker` processes this file starts and SIGKILLs; the harness
// keeps the receiver, the scan worker and both emulators in this process.
describe('the playbook survives its worker being killed (SIGKILL) after each step', () => {
  const h = useHarness(4901, { playbookWorker: false });
  /** Generated keys a worker's output must never hold (the responder's, leaked ones, replacements). */
  const canaries: string[] = [];
  beforeAll(() => {
    assertBuiltCliFresh();
    canaries.push(h.env['UNKEY_ROOT_KEY']!);
  });
  // Registered after the harness's: runs before it closes, whatever happened.
  afterAll(() => killAllWorkerProcesses());

  /** Root keys named `name` that Unkey still accepts. */
  const liveKeys = (name: string) =>
    h.unkey
      .rootKeys()
      .filter((k) => k.name === name && !k.deleted && (k.expires === null || k.expires > Date.now()));

  const workers: WorkerProcess[] = [];
  const startWorker = (stopAt?: string) => {
    const worker = startWorkerProcess({
      env: { ...h.env, ROOTGUARD_JOB_LOCK_MS: JOB_LOCK_MS, ROOTGUARD_STALLED_CHECK_MS: JOB_LOCK_MS },
      ...(stopAt !== undefined ? { stopAt } : {}),
    });
    workers.push(worker);
    return worker;
  };
  /** The case's worker output, shown only when it fails (and only if it holds no key). */
  const showOutputOnFailure = () => showWorkerOutputOnFailure(workers, canaries);
  const expectNoKeyInOutput = () => {
    const texts = workers.map((w, i): [string, string] => [`worker ${i + 1} output`, w.output()]);
    expect(findKeyMaterial(texts, canaries)).toEqual([]);
  };

  /** Polls Redis (every 20 ms) until `ready` holds for the incident's run; fails if `worker` exits first. */
  async function waitForRun(incidentId: string, worker: WorkerProcess, ready: (state: RunState) => boolean) {
    for (;;) {
      const state = await h.runs.currentRun(incidentId);
      if (state && ready(state)) return state;
      if (worker.hasExited()) throw new Error('the worker exited before the playbook got there');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Starts the worker to be killed (stopping itself at `stopAt`), leaks a key named `name` and,
   * once that worker holds the incident's job, starts a second one that takes the job over after
   * the kill. Workers are started early, overlapping the rest: one needs seconds to start.
   */
  async function leakToTwoWorkers(name: string, stopAt: string) {
    const first = startWorker(stopAt);
    const leakage = await leak(name);
    await waitForRun(leakage.incidentId, first, () => true);
    return { ...leakage, first, second: startWorker() };
  }

  async function waitUntilStopped(worker: WorkerProcess) {
    while (!worker.isStopped()) {
      if (worker.hasExited()) throw new Error('the worker exited instead of stopping');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Leaks a fresh root key named `name` into its own repository holding an `UNKEY_ROOT_KEY` secret. */
  async function leak(name: string) {
    const repo = await h.createRepo(name);
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name, permissions: PERMISSIONS });
    canaries.push(h.watchKey(leaked.key));
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    return { repo, leaked, incidentId };
  }

  /** The final state a finished run must reach, crash or not. */
  async function expectContained(
    name: string,
    repo: string,
    leakedKeyId: string,
    incidentId: string,
    state: RunState,
  ) {
    expect(h.unkey.rootKey(leakedKeyId)!.expires).not.toBeNull();
    const live = liveKeys(name);
    expect(live).toHaveLength(1);
    expect(live[0]!.permissions).toEqual(PERMISSIONS);
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(value).toBeDefined();
    canaries.push(h.watchKey(value!));
    expect(fingerprintKey(value!)).toBe(live[0]!.hash);
    expect(state.steps.get('contain')!.detail).toMatchObject({
      newKeyId: live[0]!.keyId,
      newFingerprint: live[0]!.hash,
    });
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'contained', run: 1 });
    // Every step reported its outcome on the timeline once.
    const ends = (await h.runs.timeline(incidentId)).filter(
      (e) => e.event.startsWith('step-') && e.event !== 'step-started',
    );
    expect(ends.map((e) => e.step)).toEqual([...STEP_NAMES]);
    return live[0]!;
  }

  let reference: ReturnType<typeof outcomesOf> | undefined;

  it('reference: a run without a crash', async () => {
    workers.length = 0;
    showOutputOnFailure();
    const worker = startWorker();
    const { repo, leaked, incidentId } = await leak('crash-reference');
    const state = await h.waitForPlaybook(incidentId);
    await worker.stop('SIGTERM');
    reference = outcomesOf(state);
    expect(reference).toEqual(AUTOMATIC_RUN);
    await expectContained('crash-reference', repo, leaked.keyId, incidentId, state);
    expectNoKeyInOutput();
  });

  it.each([...STEP_NAMES])(
    'killed once %s has recorded its outcome: a second worker finishes with the same final state',
    async (step: StepName) => {
      workers.length = 0;
      showOutputOnFailure();
      const name = `crash-after-${step}`;
      const { repo, leaked, incidentId, first, second } = await leakToTwoWorkers(name, step);
      await waitForRun(incidentId, first, (s) => s.steps.get(step)?.outcome !== undefined);
      // It stopped itself right after the outcome was saved: it wrote nothing after it.
      await waitUntilStopped(first);
      await first.stop('SIGKILL');

      const state = await h.waitForPlaybook(incidentId);
      await second.stop('SIGTERM');
      expect(outcomesOf(state)).toEqual(reference);
      await expectContained(name, repo, leaked.keyId, incidentId, state);
      expectNoKeyInOutput();
    },
  );

  it('killed after the reroll was checkpointed but before it was sent: one replacement', async () => {
    workers.length = 0;
    showOutputOnFailure();
    const name = 'crash-before-reroll';
    const rerolls = () => h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey').length;
    const before = rerolls();
    const { repo, leaked, incidentId, first, second } = await leakToTwoWorkers(
      name,
      'contain:rerollRequestedAt',
    );
    await waitForRun(
      incidentId,
      first,
      (s) => s.steps.get('contain')?.detail?.['rerollRequestedAt'] !== undefined,
    );
    await waitUntilStopped(first);
    await first.stop('SIGKILL');

    const state = await h.waitForPlaybook(incidentId);
    await second.stop('SIGTERM');
    expect(outcomesOf(state)).toEqual(reference);
    await expectContained(name, repo, leaked.keyId, incidentId, state);
    expect(state.steps.get('contain')!.detail!['orphansRevoked']).toBeUndefined();
    // Only the second worker's reroll reached Unkey.
    expect(rerolls()).toBe(before + 1);
    expectNoKeyInOutput();
  });

  it('killed while the reroll request is in flight: the orphan is revoked, one live replacement', async () => {
    workers.length = 0;
    showOutputOnFailure();
    const name = 'crash-in-flight';
    // The reroll reaches Unkey and is held there until the worker is dead, then applied (its
    // answer goes nowhere).
    let killed: () => void = () => undefined;
    h.unkey.fault('rootKeys.rerollKey', {
      kind: 'latency',
      until: new Promise<void>((resolve) => (killed = resolve)),
    });
    let arrived: () => void = () => undefined;
    const rerollArrived = new Promise<void>((resolve) => (arrived = resolve));
    const take = h.unkey.faults.take.bind(h.unkey.faults);
    h.unkey.faults.take = (op) => {
      if (op === 'rootKeys.rerollKey') arrived();
      return take(op);
    };
    let leakage: Awaited<ReturnType<typeof leak>>;
    try {
      const first = startWorker();
      leakage = await leak(name);
      await rerollArrived;
      await first.stop('SIGKILL');
    } finally {
      h.unkey.faults.take = take;
      killed();
    }
    const { repo, leaked, incidentId } = leakage;
    const crashed = (await h.runs.currentRun(incidentId))!;
    expect(crashed.steps.get('contain')).toMatchObject({ detail: { rerollRequestedAt: expect.any(Number) } });
    expect(crashed.steps.get('contain')!.outcome).toBeUndefined();
    // Unkey applies the reroll after the worker died: wait until it has.
    await expect
      .poll(() => liveKeys(name).map((k) => k.keyId), { timeout: 5_000 })
      .not.toContain(leaked.keyId);
    const [orphan] = liveKeys(name);
    expect(liveKeys(name)).toHaveLength(1);

    // Started only now: taking the job over before Unkey applied the lost reroll is a race no
    // worker can win (listKeys cannot show a key not made yet).
    const second = startWorker();
    const state = await h.waitForPlaybook(incidentId);
    await second.stop('SIGTERM');
    expect(outcomesOf(state)).toEqual(reference);
    const replacement = await expectContained(name, repo, leaked.keyId, incidentId, state);
    expect(replacement.keyId).not.toBe(orphan!.keyId);
    expect(state.steps.get('contain')!.detail!['orphansRevoked']).toEqual([orphan!.keyId]);
    expectNoKeyInOutput();
  });
});
