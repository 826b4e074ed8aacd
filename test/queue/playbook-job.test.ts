import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { JobDataError } from '../../src/queue/errors.js';
import { enqueuePlaybook } from '../../src/queue/playbook-job.js';
import { KeyGenerator } from '../support/keygen.js';
import { openTestQueues } from './queue-fixture.js';

const open: Array<Awaited<ReturnType<typeof openTestQueues>>> = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.dispose();
});

describe('enqueuePlaybook', () => {
  it('adds one job per incident: adding again while it exists is a no-op', async () => {
    const q = await openTestQueues();
    open.push(q);
    const id = incidentIdFor(fingerprintKey(new KeyGenerator(702).rootKey()));
    expect(await enqueuePlaybook(q.queues.playbook, id)).toBe(id);
    await Promise.all([1, 2, 3].map(() => enqueuePlaybook(q.queues.playbook, id)));
    expect(await q.queues.playbook.count()).toBe(1);
    expect((await q.queues.playbook.getJob(id))?.data).toEqual({ incidentId: id });
  });

  it('refuses what is not an incident id', async () => {
    const q = await openTestQueues();
    open.push(q);
    await expect(enqueuePlaybook(q.queues.playbook, 'inc:1')).rejects.toBeInstanceOf(JobDataError);
    await expect(enqueuePlaybook(q.queues.playbook, new KeyGenerator(703).rootKey())).rejects.toBeInstanceOf(
      JobDataError,
    );
  });
});
