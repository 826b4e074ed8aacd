import { describe, expect, it } from 'vitest';
import type { UnkeyEmulator } from '../../emulators/unkey/unkey-emulator.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';
import { outcomesOf, expectDetailsMatchSchemas } from './playbook-support.js';

/** Calls Unkey as the attacker would, with the leaked key. */
async function actWith(
  unkey: UnkeyEmulator,
  key: string,
  op: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${unkey.url}/v2/${op}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${op} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

const ATTACKER = ['api.*.create_key', 'api.*.update_key', 'api.*.read_key', 'api.*.read_api'];

describe('audit and flag: with the audit log', () => {
  const apis: { payments?: string } = {};
  const h = useHarness(4401, {
    operatorConfig: (unkey) => {
      apis.payments = unkey.addApi({ name: 'payments' });
      return `unkey:\n  apis:\n    - id: ${apis.payments}\n`;
    },
  });

  it("lists what the key did from Unkey's audit log and tags every key it touched", async () => {
    const repo = await h.createRepo('audited');
    const leaked = h.unkey.addRootKey({ name: 'audited', permissions: ATTACKER });
    h.watchKey(leaked.key);
    const untouched = h.unkey.addApiKey(apis.payments!, { name: 'untouched' });
    const changed = h.unkey.addApiKey(apis.payments!, { name: 'changed', meta: { plan: 'pro' } });
    await actWith(h.unkey, leaked.key, 'keys.updateKey', {
      keyId: changed.keyId,
      meta: { plan: 'enterprise' },
    });
    const created = await actWith(h.unkey, leaked.key, 'keys.createKey', {
      apiId: apis.payments,
      name: 'backdoor',
    });
    const createdId = (created['data'] as { keyId: string }).keyId;

    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    expect(outcomesOf(state)).toMatchObject({ audit: 'done', flag: 'done' });
    const audit = state.steps.get('audit')!.detail!;
    expect(audit['method']).toBe('audit-log');
    const affected = (audit['affected'] as { keyId: string }[]).map((k) => k.keyId).sort();
    expect(affected).toEqual([changed.keyId, createdId].sort());
    const meta = (id: string) =>
      h.unkey.apiKeys(apis.payments!).find((k) => k.keyId === id)!.meta as
        Record<string, unknown> | undefined;
    expect(meta(changed.keyId)).toMatchObject({ plan: 'enterprise', rootguard: { incident: incidentId } });
    expect(meta(createdId)).toMatchObject({ rootguard: { incident: incidentId } });
    expect(meta(untouched.keyId)?.['rootguard']).toBeUndefined();
  });
});

describe('audit and flag: without the audit log, and the decrypt rule', () => {
  const apis: { plain?: string; vault?: string } = {};
  const h = useHarness(4402, {
    operatorConfig: (unkey) => {
      unkey.setUpcomingOperation('audit.getLogs', false);
      apis.plain = unkey.addApi({ name: 'plain' });
      apis.vault = unkey.addApi({ name: 'vault' });
      return [
        'unkey:',
        '  apis:',
        `    - id: ${apis.plain}`,
        `    - id: ${apis.vault}`,
        '      recoverableKeys: true',
      ].join('\n');
    },
  });

  it('falls back to the keys created or changed while the key was exposed', async () => {
    const repo = await h.createRepo('fallback');
    const leaked = h.unkey.addRootKey({ name: 'fallback', permissions: ATTACKER });
    h.watchKey(leaked.key);
    const old = h.unkey.addApiKey(apis.plain!, { name: 'old', createdAt: Date.now() - 86_400_000 });
    // Created just before the push: inside the window (the exposure less the 10-minute margin).
    const fresh = await actWith(h.unkey, leaked.key, 'keys.createKey', { apiId: apis.plain, name: 'fresh' });
    const freshId = (fresh['data'] as { keyId: string }).keyId;
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    const audit = state.steps.get('audit')!.detail!;
    expect(audit['method']).toBe('key-listing');
    const affected = (audit['affected'] as { keyId: string }[]).map((k) => k.keyId);
    expect(affected).toContain(freshId);
    expect(affected).not.toContain(old.keyId);
  });

  it('counts every key of an API with recoverable keys as exposed when the leaked key could decrypt', async () => {
    const repo = await h.createRepo('decrypt');
    const leaked = h.unkey.addRootKey({
      name: 'decrypt',
      permissions: [`api.${apis.vault}.decrypt_key`, 'api.*.read_key'],
    });
    h.watchKey(leaked.key);
    const a = h.unkey.addApiKey(apis.vault!, {
      name: 'a',
      recoverable: true,
      createdAt: Date.now() - 86_400_000,
    });
    const b = h.unkey.addApiKey(apis.vault!, {
      name: 'b',
      recoverable: true,
      createdAt: Date.now() - 86_400_000,
    });
    const plain = h.unkey.addApiKey(apis.plain!, { name: 'plain', createdAt: Date.now() - 86_400_000 });
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);
    const affected = state.steps.get('audit')!.detail!['affected'] as { keyId: string; reasons: string[] }[];
    const ids = affected.map((k) => k.keyId);
    expect(ids).toEqual(expect.arrayContaining([a.keyId, b.keyId]));
    expect(ids).not.toContain(plain.keyId);
    expect(affected.find((k) => k.keyId === a.keyId)!.reasons.join()).toContain('could decrypt');
  });
});
