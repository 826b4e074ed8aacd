import { afterEach, describe, expect, it } from 'vitest';
import {
  COMMAND_ATTEMPTS,
  commandJobSchema,
  enqueueCommand,
  type CommandJob,
} from '../../src/queue/command-job.js';
import { JobDataError } from '../../src/queue/errors.js';
import { KeyGenerator } from '../support/keygen.js';
import { openTestQueues } from './queue-fixture.js';

const open: Array<Awaited<ReturnType<typeof openTestQueues>>> = [];
afterEach(async () => {
  for (const q of open.splice(0)) {
    await q.queues.command.obliterate({ force: true });
    await q.dispose();
  }
});

function commandJob(overrides: Partial<CommandJob> = {}): CommandJob {
  return {
    deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    installationId: 42,
    repo: 'acme/api',
    actor: 'octocat',
    command: 'approve',
    source: { kind: 'issue', issueNumber: 12, commentId: 9001 },
    ...overrides,
  };
}

describe('commandJobSchema', () => {
  it('takes issue comments and check run buttons', () => {
    expect(commandJobSchema.safeParse(commandJob()).success).toBe(true);
    const button = commandJob({
      command: 'false-positive',
      source: { kind: 'check-run', checkRunId: 5, incidentPrefix: 'AbC-_1234567' },
    });
    expect(commandJobSchema.safeParse(button).success).toBe(true);
    const all = commandJob({ source: { kind: 'check-run', checkRunId: 5, incidentPrefix: 'all' } });
    expect(commandJobSchema.safeParse(all).success).toBe(true);
  });

  it('refuses unknown commands, bad names, prefixes and extra fields', () => {
    const bad: unknown[] = [
      { ...commandJob(), command: 'revoke' },
      commandJob({ repo: 'acme' }),
      commandJob({ actor: 'not a login' }),
      commandJob({ deliveryId: '123' }),
      commandJob({ source: { kind: 'check-run', checkRunId: 5, incidentPrefix: 'short' } }),
      { ...commandJob(), body: '/rootguard approve' },
    ];
    for (const job of bad) expect(commandJobSchema.safeParse(job).success).toBe(false);
  });
});

describe('enqueueCommand', () => {
  it('adds one job per delivery: a redelivery adds nothing', async () => {
    const q = await openTestQueues();
    open.push(q);
    const job = commandJob();
    expect(await enqueueCommand(q.queues.command, job)).toBe(job.deliveryId);
    await enqueueCommand(q.queues.command, { ...job, command: 'retry' });
    expect(await q.queues.command.count()).toBe(1);
    const stored = await q.queues.command.getJob(job.deliveryId);
    expect(stored?.data).toEqual(job);
    expect(stored?.opts.attempts).toBe(COMMAND_ATTEMPTS);
    expect(stored?.opts.backoff).toMatchObject({ type: 'exponential' });
  });

  it('refuses invalid or key-shaped data without echoing it', async () => {
    const q = await openTestQueues();
    open.push(q);
    await expect(enqueueCommand(q.queues.command, commandJob({ repo: 'acme' }))).rejects.toThrow(
      /not valid at repo/,
    );
    const key = new KeyGenerator(5101).rootKey();
    const error = await enqueueCommand(q.queues.command, commandJob({ repo: `acme/${key}` })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobDataError);
    expect(String((error as Error).message)).not.toContain(key);
    expect(await q.queues.command.count()).toBe(0);
  });
});
