import { describe, expect, it } from 'vitest';
import { approveIncident } from '../../src/playbook/approve-incident.js';
import { KeyGenerator } from '../support/keygen.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';
import { outcomesOf, UNKEY_WRITES, expectDetailsMatchSchemas } from './playbook-support.js';

const CONFIG = `
policy:
  mode: auto
  rules:
    - match: acme/dry-*
      mode: dry-run
    - match: acme/approve-*
      mode: approve
      approveTimeout: 10m
    - match: acme/deadline-*
      mode: approve
      approveTimeout: 2s
      onApproveTimeout: contain
    - match: acme/stop-*
      mode: approve
      approveTimeout: 1s
      onApproveTimeout: stop
`;

describe('policies', () => {
  const h = useHarness(4301, { operatorConfig: CONFIG });

  it('dry-run reads and reports, and writes nothing to Unkey or to GitHub secrets', async () => {
    const repo = await h.createRepo('dry-run');
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'dry', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const unkeyBefore = h.unkey.requests.length;
    const secretWritesBefore = h.emulator.secretWrites.length;
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);

    expect(outcomesOf(state)).toMatchObject({
      verify: 'done',
      identify: 'done',
      gate: 'done',
      contain: 'skipped',
      distribute: 'skipped',
      confirm: 'skipped',
      report: 'done',
    });
    expect(state.steps.get('contain')!.summary).toMatch(/^Dry run: would reroll key_/);
    expect(state.steps.get('distribute')!.summary).toContain('would set repository secret UNKEY_ROOT_KEY');
    const sent = h.unkey.requests.slice(unkeyBefore).map((r) => r.op);
    expect(sent.filter((op) => op !== undefined && UNKEY_WRITES.has(op))).toEqual([]);
    expect(h.emulator.secretWrites.slice(secretWritesBefore)).toEqual([]);
    expect(h.unkey.rootKey(leaked.keyId)!.expires).toBeNull();
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'dry-run' });
  });

  it('approve waits without spending attempts, merges an occurrence that arrives meanwhile, and contains once approved', async () => {
    const repo = await h.createRepo('approve-me');
    const leaked = h.unkey.addRootKey({ name: 'approve', permissions: [] });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    await expect.poll(async () => (await h.incidents.get(incidentId))?.status).toBe('awaiting-approval');
    expect(h.unkey.rootKey(leaked.keyId)!.expires).toBeNull();

    await leakInPush(h, repo, leaked.key, 'deploy/second.env');
    expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 2 });
    const job = await h.playbookQueue.getJob(incidentId);
    expect(job!.attemptsMade).toBe(0);

    await approveIncident({ incidents: h.incidents, runs: h.runs }, h.playbookQueue, incidentId, 'octocat');
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    expect(outcomesOf(state)).toMatchObject({
      gate: 'done',
      contain: 'done',
      confirm: 'done',
      report: 'done',
    });
    expect(state.steps.get('gate')!.summary).toContain('Approved by octocat');
    expect(state.steps.get('report')!.detail).toEqual({ revision: 2 });
    expect(await h.incidents.get(incidentId)).toMatchObject({ run: 1, occurrenceCount: 2 });
  });

  it('at the approval deadline escalates, and contains (onApproveTimeout: contain)', async () => {
    const repo = await h.createRepo('deadline-contain');
    const leaked = h.unkey.addRootKey({ name: 'deadline', permissions: [] });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    expect(outcomesOf(state)).toMatchObject({ gate: 'done', contain: 'done', confirm: 'done' });
    expect(state.steps.get('gate')!.detail).toMatchObject({ timedOut: true, proceed: true });
    expect((await h.runs.timeline(incidentId)).map((e) => e.event)).toContain('escalated');
  });

  it('at the approval deadline escalates and leaves it to humans (onApproveTimeout: stop)', async () => {
    const repo = await h.createRepo('stop-here');
    const leaked = h.unkey.addRootKey({ name: 'stop', permissions: [] });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    expect(outcomesOf(state)).toMatchObject({ gate: 'manual', contain: 'skipped', confirm: 'skipped' });
    expect(h.unkey.rootKey(leaked.keyId)!.expires).toBeNull();
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });
  });
});

describe('a customer API key', () => {
  const h = useHarness(4302);

  it('is recorded and handed to a human, never probed or revoked as if it were a root key', async () => {
    const repo = await h.createRepo('api-key');
    await h.emulator.commit(repo, 'main', { '.github/rootguard.yml': 'apiKeyPrefixes:\n  - acme\n' });
    const key = h.watchKey(new KeyGenerator(4303).apiKey('acme'));
    const unkeyBefore = h.unkey.requests.length;
    const { incidentId } = await leakInPush(h, repo, key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    expect(outcomesOf(state)).toEqual({ verify: 'skipped', contain: 'manual', report: 'done' });
    expect(state.steps.get('contain')!.instruction).toContain('reroll it');
    expect(h.unkey.requests.slice(unkeyBefore)).toEqual([]);
    expect(await h.incidents.get(incidentId)).toMatchObject({
      ruleId: 'unkey-api-key',
      status: 'needs-human',
    });
  });
});
