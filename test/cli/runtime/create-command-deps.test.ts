import type { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import {
  createCommandDependencies,
  type CommandWiring,
} from '../../../src/cli/runtime/create-command-deps.js';
import { createLogger } from '../../../src/log/create-logger.js';

describe('createCommandDependencies', () => {
  it("writes through the playbook's clients and notify, and authenticates as the command's installation", async () => {
    const authed: number[] = [];
    const playbook: CommandWiring['playbook'] = {
      clientFor: async () => {
        throw new Error('not called here');
      },
      notify: async () => undefined,
    };
    const playbookQueue = { name: 'playbook' };
    const deps = createCommandDependencies({
      probot: { auth: async (id: number) => void authed.push(id) } as unknown as Probot,
      operatorConfig: {
        commands: { responderTeams: ['acme/security'] },
      } as unknown as CommandWiring['operatorConfig'],
      queues: { playbook: playbookQueue } as unknown as CommandWiring['queues'],
      incidents: {} as CommandWiring['incidents'],
      runs: {} as CommandWiring['runs'],
      reports: {} as CommandWiring['reports'],
      log: createLogger({ level: 'silent' }),
      playbook,
    });
    expect(deps.clientFor).toBe(playbook.clientFor);
    expect(deps.notify).toBe(playbook.notify);
    expect(deps.playbookQueue).toBe(playbookQueue);
    expect(deps.responderTeams).toEqual(['acme/security']);
    await deps.auth(42);
    expect(authed).toEqual([42]);
    expect(deps.now()).toBeInstanceOf(Date);
  });
});
