// F8: rootguard's own responder key is rejected (401/403). Must show: nothing half done; the
// issue says what to grant; Slack says a human is needed.
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { useHarness, type HarnessForFile } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { outcomesOf } from '../integration/playbook-support.js';
import { secretPuts } from './fault-support.js';

const CONFIG = `
notify:
  slack:
    - match: acme
      webhookUrlEnv: SLACK_WEBHOOK_SECURITY
`;

/** Nothing changed in Unkey or GitHub: the leaked key as it was, no new key, no secret set. */
function expectNothingHalfDone(h: HarnessForFile, repo: string, name: string, keyId: string): void {
  expect(h.unkey.rootKeys().filter((k) => k.name === name)).toHaveLength(1);
  expect(h.unkey.rootKey(keyId)).toMatchObject({ deleted: false, expires: null, enabled: true });
  expect(h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey' && r.status === 200)).toEqual([]);
  expect(secretPuts(h, repo)).toEqual([]);
}

/** The Slack messages about one key. */
function slackAbout(h: HarnessForFile, key: string) {
  return h.slack.messages('security').filter((m) => JSON.stringify(m.payload).includes(maskKey(key)));
}

describe('F8: the responder key lacks the permission (403)', () => {
  const h = useHarness(6208, {
    operatorConfig: CONFIG,
    slackChannels: ['security'],
    responder: ['rootKeys.*.read', 'api.*.read_api', 'api.*.read_key', 'audit.*.read_audit_log'],
  });

  it('changes nothing, and the issue and Slack say what to grant and that a human is needed', async () => {
    const repo = await h.createRepo('f08-forbidden', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'f08-forbidden', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    await h.waitForReports();

    expect(outcomesOf(state)).toMatchObject({ identify: 'done', contain: 'manual' });
    expect(h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey').map((r) => r.status)).toEqual([403]);
    expectNothingHalfDone(h, repo, 'f08-forbidden', leaked.keyId);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });
    const issue = h.emulator.issues(repo)[0]!;
    // Markdown escapes the underscore of the key id.
    expect(issue.body).toContain(`lacks the permission for rootKeys.rerollKey (403`);
    expect(issue.body).toContain(
      `grant it rootKeys/${leaked.keyId.replaceAll('_', '\\_')}#write and #delete`,
    );
    const last = slackAbout(h, leaked.key).at(-1)!;
    expect(last.text).toMatch(/Needs a human/);
  });
});

describe('F8: the responder key is revoked (401)', () => {
  const h = useHarness(6218, { operatorConfig: CONFIG, slackChannels: ['security'] });

  it('changes nothing, says to set a valid responder key, and Slack says a human is needed', async () => {
    const repo = await h.createRepo('f08-unauthorized', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'f08-unauthorized', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    h.unkey.deleteRootKeyByHand(h.responderKeyId!);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    expect((await h.waitForParked(incidentId)).steps.get('contain')?.waitingFor).toBe(
      'a human to revoke the key',
    );
    expectNothingHalfDone(h, repo, 'f08-unauthorized', leaked.keyId);
    const identify = (await h.runs.currentRun(incidentId))!.steps.get('identify')!;
    expect(identify.summary).toContain('set a valid responder key');

    // The human revokes it by hand; the run ends with what is left for a human.
    h.unkey.deleteRootKeyByHand(leaked.keyId);
    await (await h.playbookQueue.getJob(incidentId))!.promote();
    await h.waitForPlaybook(incidentId);
    await h.waitForReports();
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });
    const issue = h.emulator.issues(repo)[0]!;
    expect(issue.body).toContain('set a valid responder key');
    expect(slackAbout(h, leaked.key).at(-1)!.text).toMatch(/Needs a human/);
  });
});
