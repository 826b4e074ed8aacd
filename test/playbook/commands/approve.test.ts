import { afterEach, describe, expect, it } from 'vitest';
import { approveCommand } from '../../../src/playbook/commands/approve.js';
import { NOW, openCommandWorld, type CommandWorld } from './command-world.js';

let world: CommandWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const WAITING = { verify: 'done', identify: 'done', gate: 'running' } as const;

describe('approveCommand', () => {
  it('approves an incident awaiting approval, wakes its job and hands the state to the reporters', async () => {
    world = await openCommandWorld(5201);
    const id = await world.incident(WAITING, { status: 'awaiting-approval' });
    await world.delayedJob(id);
    const incident = (await world.incidents.get(id))!;

    expect(await approveCommand(world.deps, incident, 'octocat')).toEqual({
      kind: 'approved',
      incident: { id, masked: incident.masked },
    });
    expect(await world.incidents.get(id)).toMatchObject({
      approvedBy: 'octocat',
      approvedAt: NOW.toISOString(),
    });
    expect((await world.runs.timeline(id)).map((e) => e.event)).toEqual(['approved']);
    expect(await (await world.playbookQueue.getJob(id))!.getState()).toBe('waiting');
    expect(world.notified).toEqual([{ incidentId: id, run: 1, revision: 1, trigger: 'approved' }]);
  });

  it('answers why not when the incident does not wait for an approval, and changes nothing', async () => {
    world = await openCommandWorld(5202);
    for (const status of ['contained', 'open', 'needs-human', 'dry-run', 'false-positive'] as const) {
      const id = await world.incident({ verify: 'done' }, { status, finished: true });
      const incident = (await world.incidents.get(id))!;
      expect(await approveCommand(world.deps, incident, 'octocat')).toEqual({
        kind: 'not-awaiting-approval',
        incident: { id, masked: incident.masked },
        status,
      });
      expect((await world.incidents.get(id))!.approvedBy).toBeUndefined();
      expect(await world.runs.timeline(id)).toEqual([]);
    }
    expect(world.notified).toEqual([]);
  });

  it('answers who approved it when it was approved already', async () => {
    world = await openCommandWorld(5203);
    const id = await world.incident(WAITING, { status: 'awaiting-approval' });
    await world.runs.updateIncident(id, { approvedBy: 'hubot', approvedAt: '2026-11-27T11:30:00.000Z' });
    const incident = (await world.incidents.get(id))!;
    expect(await approveCommand(world.deps, incident, 'octocat')).toMatchObject({
      kind: 'already-approved',
      by: 'hubot',
      at: '2026-11-27T11:30:00.000Z',
    });
    expect((await world.incidents.get(id))!.approvedBy).toBe('hubot');
    expect(world.notified).toEqual([]);
  });
});
