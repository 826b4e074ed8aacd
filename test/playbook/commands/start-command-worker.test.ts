import { Queue, type Job } from 'bullmq';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCommandWorker } from '../../../src/playbook/commands/start-command-worker.js';
import type { CommandReply } from '../../../src/playbook/commands/run-command.js';
import { enqueueCommand, type CommandJob } from '../../../src/queue/command-job.js';
import { COMMAND_QUEUE } from '../../../src/queue/queues.js';
import { invalidRequests } from '../../github/openapi-request.js';
import { githubApi } from '../../github/octokit.js';
import { openCommandWorld, type CommandWorld } from './command-world.js';

let world: CommandWorld | undefined;
let queue: Queue<CommandJob> | undefined;
beforeEach(() => nock.disableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await queue?.obliterate({ force: true });
  await queue?.close();
  queue = undefined;
  await world?.dispose();
  world = undefined;
});

describe('startCommandWorker', () => {
  it('carries a command out and answers it on the issue, once', async () => {
    world = await openCommandWorld(5601);
    const w = world;
    const id = await w.incident({ verify: 'done', gate: 'running' }, { status: 'awaiting-approval' });
    await w.reports.setIssue(id, {
      repo: 'acme/api',
      number: 12,
      url: 'https://github.com/acme/api/issues/12',
    });
    const { scope, sent } = githubApi();
    scope
      .get('/repos/acme/api/collaborators/octocat/permission')
      .reply(200, { permission: 'write', role_name: 'write' });
    // The first comment fails: the retry posts the saved answer, and does not approve again.
    scope.post('/repos/acme/api/issues/12/comments').reply(502, { message: 'Bad Gateway' });
    scope.post('/repos/acme/api/issues/12/comments').reply(201, { id: 1 });

    queue = new Queue<CommandJob>(COMMAND_QUEUE, { connection: w.redis, prefix: w.prefix });
    const worker = startCommandWorker({
      connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
      prefix: w.prefix,
      deps: w.deps,
    });
    const done = new Promise<Job<CommandJob, CommandReply[]>>((resolve) => worker.on('completed', resolve));
    await enqueueCommand(queue, {
      deliveryId: 'delivery-1',
      installationId: 42,
      repo: 'acme/api',
      actor: 'octocat',
      command: 'approve',
      source: { kind: 'issue', issueNumber: 12, commentId: 900 },
    });
    const job = await done;
    await worker.close();

    // BullMQ counts the attempt that completed too: the first failed, the second posted.
    expect(job.attemptsMade).toBe(2);
    expect(job.returnvalue.map((r) => r.answer.kind)).toEqual(['approved']);
    const comments = sent.filter((r) => r.method === 'POST');
    expect(comments).toHaveLength(2);
    expect(comments[1]!.body).toEqual({
      body: expect.stringMatching(
        /^@octocat: containment of incident `inc_.{22}` \(`unkey_.*`\) is approved/,
      ),
    });
    expect(invalidRequests(sent)).toEqual([]);
    expect((await w.runs.timeline(id)).map((e) => e.event)).toEqual(['approved']);
    expect(w.notified).toHaveLength(1);
  });
});
