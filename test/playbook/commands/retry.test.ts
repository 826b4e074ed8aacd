import { afterEach, describe, expect, it } from 'vitest';
import { STEP_NAMES } from '../../../src/playbook/step-names.js';
import { retryCommand, retryIncident } from '../../../src/playbook/commands/retry.js';
import { NOW, openCommandWorld, type CommandWorld } from './command-world.js';

let world: CommandWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

// Contained, then distribute failed: what follows it was skipped or done.
const DISTRIBUTE_FAILED = {
  verify: 'done',
  identify: 'done',
  gate: 'done',
  contain: 'done',
  distribute: 'failed',
  confirm: 'done',
  audit: 'skipped',
  flag: 'manual',
  purge: 'done',
  report: 'done',
} as const;

describe('retryIncident', () => {
  it('reruns from the first failed step: done steps stay, the others and report lose their outcome', async () => {
    world = await openCommandWorld(5401);
    const id = await world.incident(DISTRIBUTE_FAILED, { status: 'needs-human', finished: true });
    const before = (await world.runs.currentRun(id))!;

    const result = await retryIncident(world.deps, world.playbookQueue, id, 'octocat', NOW);
    expect(result).toMatchObject({
      kind: 'retrying',
      run: 1,
      steps: ['distribute', 'audit', 'flag', 'report'],
    });

    const after = (await world.runs.currentRun(id))!;
    for (const step of ['verify', 'identify', 'gate', 'contain', 'confirm', 'purge'] as const)
      expect(after.steps.get(step)).toEqual(before.steps.get(step));
    expect(after.steps.get('distribute')).toEqual({
      step: 'distribute',
      summary: 'retry requested',
      startedAt: NOW.toISOString(),
      detail: { checkpoint: 'distribute-progress' },
    });
    for (const step of ['audit', 'flag', 'report'] as const) {
      expect(after.steps.get(step)!.outcome).toBeUndefined();
      expect(after.steps.get(step)!.summary).toBe('retry requested');
    }
    // runPlaybook runs the first step without an outcome: the first one not done.
    const resumesAt = STEP_NAMES.find((s) => after.steps.get(s)?.outcome === undefined);
    expect(resumesAt).toBe('distribute');
    expect(after.run.finishedAt).toBeUndefined();
    expect(after.run).toEqual({ run: 1, startedAt: before.run.startedAt, revision: 1 });
    expect(await world.incidents.get(id)).toMatchObject({ status: 'open' });
    const timeline = await world.runs.timeline(id);
    expect(timeline).toEqual([
      {
        at: NOW.toISOString(),
        run: 1,
        step: 'distribute',
        event: 'retry',
        text: 'Retry requested by octocat: distribute, audit, flag, report run again.',
      },
    ]);
    // No job was left (the run had completed): a new one is queued.
    expect(await (await world.playbookQueue.getJob(id))!.getState()).toBe('waiting');
  });

  it('starts at a manual step too, and retries a failed job with fresh attempts', async () => {
    world = await openCommandWorld(5402);
    const id = await world.incident(
      { verify: 'done', identify: 'done', gate: 'manual', contain: 'skipped', report: 'done' },
      { status: 'needs-human', finished: true },
    );
    await world.failedJob(id);
    expect(await (await world.playbookQueue.getJob(id))!.getState()).toBe('failed');

    expect(await retryIncident(world.deps, world.playbookQueue, id, 'octocat', NOW)).toMatchObject({
      steps: ['gate', 'contain', 'report'],
    });
    const job = (await world.playbookQueue.getJob(id))!;
    expect(await job.getState()).toBe('waiting');
    expect(job.attemptsMade).toBe(0);
  });

  it('promotes a delayed job (a run still waiting after an earlier step failed)', async () => {
    world = await openCommandWorld(5403);
    const id = await world.incident({ verify: 'done', identify: 'failed', gate: 'running' });
    await world.delayedJob(id);
    expect(await retryIncident(world.deps, world.playbookQueue, id, 'octocat', NOW)).toMatchObject({
      steps: ['identify', 'gate'],
    });
    expect(await (await world.playbookQueue.getJob(id))!.getState()).toBe('waiting');
  });

  it('has nothing to retry when no step failed or needs a human', async () => {
    world = await openCommandWorld(5404);
    const id = await world.incident(
      { verify: 'done', gate: 'done', contain: 'done', audit: 'skipped', report: 'done' },
      { status: 'contained', finished: true },
    );
    const before = await world.runs.currentRun(id);
    const incident = (await world.incidents.get(id))!;
    expect(await retryCommand(world.deps, incident, 'octocat')).toEqual({
      kind: 'nothing-to-retry',
      incident: { id, masked: incident.masked },
      run: 1,
    });
    expect(await world.runs.currentRun(id)).toEqual(before);
    expect(await world.playbookQueue.getJob(id)).toBeUndefined();
    expect(world.notified).toEqual([]);
  });

  it('refuses while the playbook runs, and for a false positive', async () => {
    world = await openCommandWorld(5405);
    const busy = await world.incident(DISTRIBUTE_FAILED, { status: 'needs-human', finished: true });
    const release = await world.activeJob(busy);
    const before = await world.runs.currentRun(busy);
    expect(await retryCommand(world.deps, (await world.incidents.get(busy))!, 'octocat')).toMatchObject({
      kind: 'retry-busy',
    });
    expect(await world.runs.currentRun(busy)).toEqual(before);
    await release();

    const closed = await world.incident(DISTRIBUTE_FAILED, { status: 'false-positive', finished: true });
    expect(await retryCommand(world.deps, (await world.incidents.get(closed))!, 'octocat')).toMatchObject({
      kind: 'retry-false-positive',
    });
    expect(world.notified).toEqual([]);
  });

  it('answers which steps run again and hands the state to the reporters', async () => {
    world = await openCommandWorld(5406);
    const id = await world.incident(DISTRIBUTE_FAILED, { status: 'needs-human', finished: true });
    const incident = (await world.incidents.get(id))!;
    expect(await retryCommand(world.deps, incident, 'octocat')).toEqual({
      kind: 'retrying',
      incident: { id, masked: incident.masked },
      steps: ['distribute', 'audit', 'flag', 'report'],
    });
    expect(world.notified).toEqual([{ incidentId: id, run: 1, revision: 1, trigger: 'retry' }]);
  });
});
