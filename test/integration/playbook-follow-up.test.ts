import { Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../src/cli/runtime/start-runtime.js';
import { RunStore } from '../../src/incidents/run-store.js';
import { enqueuePlaybook } from '../../src/queue/playbook-job.js';
import { PLAYBOOK_QUEUE } from '../../src/queue/queues.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';

// The follow-up run of an occurrence recorded mid-run used to be queued only from the worker's
// in-process `completed` event: a process that died between the job's completion and that event
// lost it. Here the playbook runs in a worker runtime of its own whose `completed` event never
// reaches its handlers (as if the process died right there); a second worker runtime must still
// run the follow-up.
describe('a follow-up run survives the death of the worker that finished the run', () => {
  const h = useHarness(4801, { playbookWorker: false });
  const restores: (() => void)[] = [];
  const runtimes: Runtime[] = [];
  afterEach(async () => {
    for (const restore of restores.splice(0)) restore();
    for (const runtime of runtimes.splice(0)) await runtime.close();
  });

  const startWorkerRuntime = async () => {
    const runtime = await startRuntime({
      role: 'worker',
      env: h.env,
      prefix: h.prefix,
      healthPort: 0,
      workers: { scan: false, notify: false, command: false },
    });
    runtimes.push(runtime);
    return runtime;
  };

  /** Calls `at` once the report step of `incidentId` is recorded (the run is at its end, the job still active). */
  const atReportRecorded = (incidentId: string, at: () => Promise<void>) => {
    const original = RunStore.prototype.finishStep;
    RunStore.prototype.finishStep = async function (this: RunStore, id, run, record, ...rest) {
      await original.call(this, id, run, record, ...rest);
      if (id === incidentId && record.step === 'report' && run === 1) await at();
    };
    restores.push(() => (RunStore.prototype.finishStep = original));
  };

  /** The playbook worker's `completed` events reach no handler: the process "dies" there. */
  const dropCompletedEvents = () => {
    const original = Worker.prototype.emit;
    let dropped = 0;
    Worker.prototype.emit = function (this: Worker, event: string | symbol, ...args: unknown[]) {
      if (event === 'completed' && this.name === PLAYBOOK_QUEUE) {
        dropped++;
        return false;
      }
      return (original as (...a: unknown[]) => boolean).call(this, event, ...args);
    } as typeof Worker.prototype.emit;
    restores.push(() => (Worker.prototype.emit = original));
    return () => dropped;
  };

  it('queues the follow-up run from another worker when the first died after completing the job', async () => {
    const repo = await h.createRepo('follow-up');
    const leaked = h.unkey.addRootKey({ name: 'follow-up', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const { incidentId, commit } = await leakInPush(h, repo, leaked.key);

    // An occurrence of the same key arrives as run 1 ends: its enqueue finds the job still there.
    atReportRecorded(incidentId, async () => {
      const incident = (await h.incidents.get(incidentId))!;
      const [first] = await h.incidents.occurrences(incidentId);
      await h.incidents.recordOccurrence({
        fingerprint: incident.fingerprint,
        ruleId: incident.ruleId,
        masked: incident.masked,
        occurrence: { ...first!, location: { ...first!.location, commit, path: 'other/.env' } as never },
      });
      await enqueuePlaybook(h.playbookQueue, incidentId);
    });
    const dropped = dropCompletedEvents();
    const first = await startWorkerRuntime();
    const run1 = await h.waitForPlaybook(incidentId, 1);
    expect(run1.run.run).toBe(1);
    await expect.poll(dropped, { timeout: 10_000 }).toBe(1);
    await first.close();
    for (const restore of restores.splice(0)) restore();
    expect(await h.playbookQueue.getJob(incidentId)).toBeUndefined();
    expect((await h.incidents.get(incidentId))!.occurrenceCount).toBe(2);

    // Another worker starts: it finds the finished run's mark and queues the follow-up.
    await startWorkerRuntime();
    const run2 = await h.waitForPlaybook(incidentId, 2);
    expect(run2.run.run).toBe(2);
    // Run 2 marked it too; its own `completed` handler checks and clears the mark.
    await expect.poll(() => h.runs.followUps(), { timeout: 10_000 }).not.toContain(incidentId);
  });
});
