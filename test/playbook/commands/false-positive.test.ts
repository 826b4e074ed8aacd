import { afterEach, describe, expect, it } from 'vitest';
import { falsePositiveCommand, markFalsePositive } from '../../../src/playbook/commands/false-positive.js';
import { NOW, openCommandWorld, type CommandWorld } from './command-world.js';

let world: CommandWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

describe('markFalsePositive', () => {
  it('closes the incident with who and when, and ends its waiting playbook job', async () => {
    world = await openCommandWorld(5301);
    const id = await world.incident(
      { verify: 'done', identify: 'done', gate: 'running' },
      { status: 'awaiting-approval' },
    );
    await world.delayedJob(id);
    const incident = (await world.incidents.get(id))!;

    expect(await falsePositiveCommand(world.deps, incident, 'octocat')).toEqual({
      kind: 'false-positive-marked',
      incident: { id, masked: incident.masked },
    });
    expect(await world.incidents.get(id)).toMatchObject({
      status: 'false-positive',
      falsePositiveBy: 'octocat',
      falsePositiveAt: NOW.toISOString(),
    });
    const timeline = await world.runs.timeline(id);
    expect(timeline.map((e) => e.event)).toEqual(['false-positive']);
    expect(timeline[0]!.text).toContain('octocat');
    // Promoted: the worker takes it now, and runPlaybook is idle for a false positive.
    expect(await (await world.playbookQueue.getJob(id))!.getState()).toBe('waiting');
    expect(world.notified).toEqual([{ incidentId: id, run: 1, revision: 1, trigger: 'false-positive' }]);
  });

  it('is refused once the key was revoked (contain done): it was treated as a real key', async () => {
    world = await openCommandWorld(5302);
    const id = await world.incident(
      {
        verify: 'done',
        identify: 'done',
        gate: 'done',
        contain: 'done',
        distribute: 'failed',
        report: 'done',
      },
      { status: 'needs-human', finished: true },
    );
    const incident = (await world.incidents.get(id))!;
    expect(await markFalsePositive(world.deps, world.playbookQueue, id, 'octocat', NOW)).toMatchObject({
      kind: 'revoked',
      run: 1,
    });
    expect(await falsePositiveCommand(world.deps, incident, 'octocat')).toEqual({
      kind: 'false-positive-refused',
      incident: { id, masked: incident.masked },
      run: 1,
    });
    expect(await world.incidents.get(id)).toMatchObject({ status: 'needs-human' });
    expect((await world.incidents.get(id))!.falsePositiveBy).toBeUndefined();
    expect(await world.runs.timeline(id)).toEqual([]);
    expect(world.notified).toEqual([]);
  });

  it('is allowed when containment was skipped or failed; when already marked it says so and reports again', async () => {
    world = await openCommandWorld(5303);
    const id = await world.incident(
      { verify: 'done', gate: 'manual', contain: 'skipped', report: 'done' },
      { status: 'needs-human', finished: true },
    );
    expect(await markFalsePositive(world.deps, world.playbookQueue, id, 'octocat', NOW)).toMatchObject({
      kind: 'marked',
    });
    const incident = (await world.incidents.get(id))!;
    expect(await falsePositiveCommand(world.deps, incident, 'hubot')).toEqual({
      kind: 'already-false-positive',
      incident: { id, masked: incident.masked },
      by: 'octocat',
    });
    expect((await world.incidents.get(id))!.falsePositiveBy).toBe('octocat');
    // Marked, then stopped before the report (a crash): the second command hands it over.
    expect(world.notified).toEqual([{ incidentId: id, run: 1, revision: 1, trigger: 'false-positive' }]);
  });
});
