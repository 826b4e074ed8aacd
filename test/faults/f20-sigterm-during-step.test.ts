// F20 (issue 12): SIGTERM reaches a `rootguard worker` in the middle of a playbook step. The step
// finishes and records its outcome and the job goes back to the queue, or (when the step hangs on
// an upstream request) the job is given up at the grace deadline and taken over by another worker;
// either way the process exits 0 within the grace (defect 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import type { RunState } from '../../src/incidents/run-store.js';
import type { StepName } from '../../src/playbook/step-names.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import {
  assertBuiltCliFresh,
  killAllWorkerProcesses,
  showWorkerOutputOnFailure,
  startWorkerProcess,
  workerOutputs,
  type WorkerProcess,
} from '../support/worker-process.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { AUTOMATIC_RUN, outcomesOf } from '../integration/playbook-support.js';

const PERMISSIONS = ['api.*.create_key', 'api.*.read_key'];
/** The workers' shutdown grace. */
const GRACE_MS = 4_000;
/** A dead worker's job is taken over within about twice this. */
const JOB_LOCK_MS = '1000';

describe('F20: SIGTERM during a playbook step', () => {
  const h = useHarness(5020, { playbookWorker: false });
  const canaries: string[] = [];
  const workers: WorkerProcess[] = [];
  beforeAll(() => {
    assertBuiltCliFresh();
    canaries.push(h.env['UNKEY_ROOT_KEY']!);
  });
  afterAll(() => killAllWorkerProcesses());

  const startWorker = () => {
    const worker = startWorkerProcess({
      env: { ...h.env, ROOTGUARD_JOB_LOCK_MS: JOB_LOCK_MS, ROOTGUARD_SHUTDOWN_GRACE_MS: String(GRACE_MS) },
    });
    workers.push(worker);
    return worker;
  };
  /** The case's worker output, shown only when it fails (and only if it holds no key). */
  const showOutputOnFailure = () => showWorkerOutputOnFailure(workers, canaries);
  const liveKeys = (name: string) =>
    h.unkey
      .rootKeys()
      .filter((k) => k.name === name && !k.deleted && (k.expires === null || k.expires > Date.now()));
  const rerolls = () => h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey').length;

  async function leak(name: string) {
    const repo = await h.createRepo(name);
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name, permissions: PERMISSIONS });
    canaries.push(h.watchKey(leaked.key));
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    return { repo, leaked, incidentId };
  }

  /** Polls the run (every 20 ms) until `ready` holds; fails if `worker` exits first. */
  async function waitForRun(incidentId: string, worker: WorkerProcess, ready: (state: RunState) => boolean) {
    for (;;) {
      const state = await h.runs.currentRun(incidentId);
      if (state && ready(state)) return state;
      if (worker.hasExited()) throw new Error('the worker exited before the playbook got there');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const running = (step: StepName) => (s: RunState) => s.steps.has(step) && !s.steps.get(step)!.outcome;

  /** SIGTERMs `worker`; resolves with its exit code and the time from the signal to the exit. */
  async function terminate(worker: WorkerProcess) {
    const sent = performance.now();
    worker.child.kill('SIGTERM');
    const [code, signal] = await worker.exited;
    return { code, signal, ms: performance.now() - sent };
  }

  /** Contained once: the old key expired, one live replacement, the repository secret holds it. */
  async function expectContained(name: string, repo: string, leakedKeyId: string, state: RunState) {
    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    expect(h.unkey.rootKey(leakedKeyId)!.expires).not.toBeNull();
    const live = liveKeys(name);
    expect(live).toHaveLength(1);
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    canaries.push(h.watchKey(value!));
    expect(fingerprintKey(value!)).toBe(live[0]!.hash);
  }

  it('the running step finishes and records its outcome, the job goes back to waiting, exit 0; another worker resumes', async () => {
    workers.length = 0;
    showOutputOnFailure();
    const before = rerolls();
    // The reroll takes 1.5 s at Unkey: SIGTERM lands while contain is running.
    h.unkey.fault('rootKeys.rerollKey', { kind: 'latency', ms: 1_500 });
    const first = startWorker();
    const { repo, leaked, incidentId } = await leak('f20-step');
    await waitForRun(incidentId, first, running('contain'));
    const exit = await terminate(first);
    expect(exit).toMatchObject({ code: 0, signal: null });
    // The criterion: out within the grace deadline.
    expect(exit.ms).toBeLessThan(GRACE_MS);
    expect(first.output()).not.toContain('shutdown grace over');

    const stopped = (await h.runs.currentRun(incidentId))!;
    expect(stopped.steps.get('contain')!.outcome).toBe('done');
    expect(stopped.steps.get('contain')!.detail).toMatchObject({ newKeyId: expect.any(String) });
    expect(stopped.steps.has('distribute')).toBe(false);
    const job = (await h.playbookQueue.getJob(incidentId))!;
    expect(['waiting', 'prioritized']).toContain(await job.getState());
    expect(job.attemptsMade).toBe(0);
    expect(job.stalledCounter).toBe(0);

    const second = startWorker();
    const state = await h.waitForPlaybook(incidentId);
    await second.stop('SIGTERM');
    await expectContained('f20-step', repo, leaked.keyId, state);
    expect(rerolls()).toBe(before + 1);
    expect(findKeyMaterial(workerOutputs(workers), canaries)).toEqual([]);
  });

  it('with a hung upstream request, exits 0 within the grace; the job is taken over and finishes once', async () => {
    workers.length = 0;
    showOutputOnFailure();
    const before = rerolls();
    // The deployment secret's PUT hangs at GitHub far beyond the grace.
    h.emulator.faults.add({
      method: 'PUT',
      path: /\/actions\/secrets\/UNKEY_ROOT_KEY$/,
      kind: 'slow',
      delayMs: 3 * GRACE_MS,
    });
    const first = startWorker();
    const { repo, leaked, incidentId } = await leak('f20-hung');
    await waitForRun(incidentId, first, running('distribute'));
    const exit = await terminate(first);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(GRACE_MS);
    expect(first.output()).toContain('shutdown grace over');
    expect((await h.runs.currentRun(incidentId))!.steps.get('distribute')!.outcome).toBeUndefined();
    // Given up while running: still active under a lock nobody renews.
    expect(await (await h.playbookQueue.getJob(incidentId))!.getState()).toBe('active');

    // The lock lapses; a second worker takes the job over as stalled and finishes the run.
    const second = startWorker();
    const state = await h.waitForPlaybook(incidentId);
    await second.stop('SIGTERM');
    await expectContained('f20-hung', repo, leaked.keyId, state);
    expect(rerolls()).toBe(before + 1);
    expect(findKeyMaterial(workerOutputs(workers), canaries)).toEqual([]);
  });
});
