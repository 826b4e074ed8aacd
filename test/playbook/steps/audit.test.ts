import { describe, expect, it, vi } from 'vitest';
import type { AuditDetail } from '../../../src/playbook/step-details.js';
import { auditStep } from '../../../src/playbook/steps/audit.js';
import { RouteUnavailableError, UnkeyRequestError, UnkeyRetryableError } from '../../../src/unkey/errors.js';
import type { UnkeyClient } from '../../../src/unkey/unkey-client.js';
import { KeyGenerator } from '../../support/keygen.js';
import {
  NOW,
  stepContext,
  stored,
  type EarlierSteps,
  type StepContextOptions,
} from './step-context-fixture.js';
import { useUnkeyEmulator } from './unkey-emulator-fixture.js';

const gen = new KeyGenerator(1309);
const unkey = useUnkeyEmulator();
const READER = ['audit.*.read_audit_log', 'api.*.read_api', 'api.*.read_key'];
const MINUTE = 60_000;
/** The fixture's first exposure is a minute before NOW; the default margin is 10 minutes. */
const WINDOW = { start: new Date(NOW - 11 * MINUTE).toISOString(), end: new Date(NOW).toISOString() };

function identified(keyId?: string, permissions: string[] = []): EarlierSteps {
  return {
    identify: {
      outcome: 'done',
      detail: {
        path: keyId ? 'automatic' : 'assisted',
        ...(keyId ? { keyId } : {}),
        permissions,
        deploy: [],
        deploySource: 'none',
      },
    },
  };
}

function auditing(options: Omit<StepContextOptions<'audit'>, 'key'>) {
  return stepContext<'audit'>({ key: gen.rootKey(), ...options });
}

function detailOf(result: { detail?: unknown }): AuditDetail {
  return result.detail as AuditDetail;
}

/** The leaked key acting in Unkey (its calls are what the audit log records). */
async function createKeyWith(leakedKey: string, apiId: string): Promise<string> {
  const res = await fetch(`${unkey.emulator.url}/v2/keys.createKey`, {
    method: 'POST',
    headers: { authorization: `Bearer ${leakedKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ apiId }),
  });
  // The new API key's plaintext is in the answer: only its id is kept.
  const body = (await res.json()) as { data: { keyId: string } };
  return body.data.keyId;
}

describe('audit, through the Unkey emulator', () => {
  it("reads the leaked key's own audit events in the window: the keys it created are affected, events counted", async () => {
    const apiId = unkey.emulator.addApi({ name: 'payments' });
    const leaked = unkey.rootKey({ name: 'prod', permissions: ['api.*.create_key'] });
    const created = [await createKeyWith(leaked.key, apiId), await createKeyWith(leaked.key, apiId)];
    const ctx = auditing({ unkey: unkey.client(READER), earlier: identified(leaked.keyId) });
    const result = stored(await auditStep.run(ctx));
    const at = new Date(NOW).toISOString();
    expect(result).toEqual({
      outcome: 'done',
      summary: `Audit log of ${leaked.keyId}: 2 event(s); 2 API key(s) affected.`,
      detail: {
        method: 'audit-log',
        window: WINDOW,
        events: { 'key.create': 2 },
        affected: created.map((keyId) => ({ keyId, reasons: [`key.create by the leaked key at ${at}`] })),
      },
    });
  });

  it("a server without audit.getLogs: the configured APIs' keys created in the window are listed instead", async () => {
    const apiId = unkey.emulator.addApi({ name: 'search' });
    const recent = unkey.emulator.addApiKey(apiId, { createdAt: NOW - 5 * MINUTE });
    unkey.emulator.addApiKey(apiId, { createdAt: NOW - 60 * MINUTE });
    unkey.emulator.setUpcomingOperation('audit.getLogs', false);
    try {
      const leaked = unkey.rootKey({ name: 'prod', permissions: [] });
      const ctx = auditing({
        unkey: unkey.client(READER),
        earlier: identified(leaked.keyId),
        config: { unkey: { apis: [{ id: apiId, recoverableKeys: false }] } },
      });
      const result = stored(await auditStep.run(ctx));
      expect(detailOf(result)).toEqual({
        method: 'key-listing',
        window: WINDOW,
        affected: [{ keyId: recent.keyId, apiId, reasons: ['created while the root key was exposed'] }],
      });
      expect(result.summary).toBe(
        'No audit log for the key (no audit API on this server); listed the keys of 1 configured API(s); 1 API key(s) affected.',
      );
    } finally {
      unkey.emulator.setUpcomingOperation('audit.getLogs', true);
    }
  });
});

/** An Unkey client with (or without) the audit API, listing these keys per API. */
function fakeUnkey(options: {
  auditLogs?: boolean;
  keys?: Record<string, { keyId: string; createdAt: number; updatedAt?: number }[]>;
  truncated?: boolean;
  getAuditLogs?: UnkeyClient['getAuditLogs'];
}): Partial<UnkeyClient> {
  return {
    capabilities: async () => ({ rootKeys: true, auditLogs: options.auditLogs ?? false }),
    listApiKeys: vi.fn(async (apiId: string) => ({
      keys: (options.keys?.[apiId] ?? []).map((k) => ({ start: 'acme_', enabled: true, ...k })),
      truncated: options.truncated ?? false,
    })),
    ...(options.getAuditLogs ? { getAuditLogs: options.getAuditLogs } : {}),
  };
}

describe('audit, by listing the configured APIs', () => {
  it('created or changed in the window counts (a key created then is not counted again as changed); truncated lists say so', async () => {
    const ctx = auditing({
      unkey: fakeUnkey({
        truncated: true,
        keys: {
          api_a: [
            { keyId: 'key_new', createdAt: NOW - 2 * MINUTE, updatedAt: NOW - MINUTE },
            { keyId: 'key_changed', createdAt: NOW - 99 * MINUTE, updatedAt: NOW - 1 * MINUTE },
            { keyId: 'key_old', createdAt: NOW - 99 * MINUTE, updatedAt: NOW - 98 * MINUTE },
            { keyId: 'key_later', createdAt: NOW + 1 },
          ],
        },
      }),
      earlier: identified(),
      config: { unkey: { apis: [{ id: 'api_a', recoverableKeys: false }] } },
    });
    const result = stored(await auditStep.run(ctx));
    expect(detailOf(result)).toEqual({
      method: 'key-listing',
      window: WINDOW,
      affected: [
        { keyId: 'key_new', apiId: 'api_a', reasons: ['created while the root key was exposed'] },
        { keyId: 'key_changed', apiId: 'api_a', reasons: ['changed while the root key was exposed'] },
      ],
      truncated: true,
    });
    expect(result.summary).toBe(
      'No audit log for the key (key id unknown); listed the keys of 1 configured API(s); 2 API key(s) affected (lists cut at their limits).',
    );
  });

  it('an audit route that vanished (404) falls back to listing', async () => {
    const ctx = auditing({
      unkey: fakeUnkey({
        auditLogs: true,
        getAuditLogs: () => Promise.reject(new RouteUnavailableError('audit.getLogs', 'gone')),
        keys: { api_a: [{ keyId: 'key_new', createdAt: NOW }] },
      }),
      earlier: identified('key_leaked'),
      config: { unkey: { apis: [{ id: 'api_a', recoverableKeys: false }] } },
    });
    expect(detailOf(await auditStep.run(ctx))).toMatchObject({
      method: 'key-listing',
      affected: [{ keyId: 'key_new' }],
    });
  });

  it('no audit log and no API configured: manual, asking for unkey.apis', async () => {
    const ctx = auditing({ unkey: fakeUnkey({}), earlier: identified('key_leaked') });
    const result = stored(await auditStep.run(ctx));
    expect(result).toEqual({
      outcome: 'manual',
      summary: 'No audit log for the key and no API configured (unkey.apis) to list; 0 API key(s) affected.',
      instruction: `Review the Unkey audit log between ${WINDOW.start} and ${WINDOW.end} for what key_leaked did, or list your APIs in the operator config (unkey.apis) so rootguard can.`,
      detail: { method: 'key-listing', window: WINDOW, affected: [] },
    });
  });
});

describe('audit, keys the leaked key could decrypt', () => {
  it('every key of a recoverable API within its decrypt scope is affected; another API is not', async () => {
    const ctx = auditing({
      unkey: fakeUnkey({
        keys: {
          api_vault: [{ keyId: 'key_v1', createdAt: NOW - 999 * MINUTE }],
          api_other: [{ keyId: 'key_o1', createdAt: NOW - 999 * MINUTE }],
        },
      }),
      earlier: identified('key_leaked', ['api.api_vault.decrypt_key']),
      config: {
        unkey: {
          apis: [
            { id: 'api_vault', recoverableKeys: true },
            { id: 'api_other', recoverableKeys: true },
          ],
        },
      },
    });
    const detail = detailOf(stored(await auditStep.run(ctx)));
    expect(detail.affected).toEqual([
      {
        keyId: 'key_v1',
        apiId: 'api_vault',
        reasons: ['recoverable, and the leaked key could decrypt it (decryption is not audited)'],
      },
    ]);
  });
});

describe('audit, refused or not possible', () => {
  it('no responder key: manual, with the window and what to review', async () => {
    const ctx = auditing({ responderConfigured: false, earlier: identified() });
    const result = stored(await auditStep.run(ctx));
    expect(result).toEqual({
      outcome: 'manual',
      summary: 'UNKEY_ROOT_KEY is not configured, so rootguard cannot read what the key did.',
      instruction: `Review the Unkey audit log for the root key ${ctx.incident.masked} between ${WINDOW.start} and ${WINDOW.end}, and reroll every API key it created or changed.`,
      detail: { method: 'none', window: WINDOW, affected: [] },
    });
  });

  it('the responder key may not read the audit log (403): manual, naming the permissions', async () => {
    const ctx = auditing({
      unkey: fakeUnkey({
        auditLogs: true,
        getAuditLogs: () =>
          Promise.reject(new UnkeyRequestError('forbidden', 'audit.getLogs', 'no', { status: 403 })),
      }),
      earlier: identified('key_leaked'),
    });
    const result = stored(await auditStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.detail).toEqual({ method: 'none', window: WINDOW, affected: [] });
    expect(result.instruction).toBe(
      `rootguard's UNKEY_ROOT_KEY lacks the permission for audit.getLogs (403): grant it audit.*.read_audit_log, api.*.read_api and api.*.read_key. Then review the audit log between ${WINDOW.start} and ${WINDOW.end}.`,
    );
  });

  it('Unkey failing (503) is thrown for the queue to retry', async () => {
    const ctx = auditing({
      unkey: fakeUnkey({
        auditLogs: true,
        getAuditLogs: () => Promise.reject(new UnkeyRetryableError('server-error', 'audit.getLogs', '503')),
      }),
      earlier: identified('key_leaked'),
    });
    await expect(auditStep.run(ctx)).rejects.toBeInstanceOf(UnkeyRetryableError);
  });
});

describe('audit, the window', () => {
  it("ends when confirm saw the key dead, or at the incident's contained time when it has one", async () => {
    const confirmedAt = new Date(NOW - 3 * MINUTE).toISOString();
    const containedAt = new Date(NOW - 4 * MINUTE).toISOString();
    const confirm = { confirm: { outcome: 'done' as const, detail: { confirmedAt } } };
    const byConfirm = auditing({ responderConfigured: false, earlier: { ...identified(), ...confirm } });
    expect(detailOf(await auditStep.run(byConfirm)).window?.end).toBe(confirmedAt);
    const byIncident = auditing({
      responderConfigured: false,
      earlier: { ...identified(), ...confirm },
      incident: { containedAt },
    });
    expect(detailOf(await auditStep.run(byIncident)).window?.end).toBe(containedAt);
  });

  it("starts the policy's margin before the first exposure", async () => {
    const ctx = auditing({ responderConfigured: false, earlier: identified(), policy: { auditMarginMs: 0 } });
    expect(detailOf(await auditStep.run(ctx)).window?.start).toBe(new Date(NOW - MINUTE).toISOString());
  });

  it('run again after a crash: the same findings, nothing written (audit only reads)', async () => {
    const options = {
      unkey: fakeUnkey({ keys: { api_a: [{ keyId: 'key_new', createdAt: NOW }] } }),
      earlier: identified(),
      config: { unkey: { apis: [{ id: 'api_a', recoverableKeys: false }] } },
    };
    const first = auditing(options);
    const a = stored(await auditStep.run(first));
    const again = auditing({ ...options, progress: first.progressAfter() });
    expect(stored(await auditStep.run(again))).toEqual(a);
    for (const ctx of [first, again]) {
      expect(ctx.checkpoints).toEqual([]);
      expect(ctx.incidentUpdates).toEqual([]);
    }
  });
});
