import { describe, expect, it } from 'vitest';
import type { PlaybookStep } from '../../../src/playbook/playbook-step.js';
import { apiKeyContainStep, apiKeyVerifyStep } from '../../../src/playbook/steps/api-key-leak.js';
import { KeyGenerator } from '../../support/keygen.js';
import { INCIDENT_ID, stepContext, stored } from './step-context-fixture.js';

const gen = new KeyGenerator(1302);

/** A customer API key's incident; the Unkey client answers nothing (any call fails the test). */
function apiKeyIncident() {
  return stepContext({
    key: gen.apiKey('acme_live'),
    incident: { ruleId: 'unkey-api-key', firstExposedAt: '2026-11-27T11:59:00.000Z' },
  });
}

describe('a customer API key leak: verify', () => {
  it('is skipped without a probe: the management API would call any customer key dead', async () => {
    const ctx = apiKeyIncident();
    // Run as the playbook runs it, with a context: it must not read the key nor call Unkey.
    const step: PlaybookStep = apiKeyVerifyStep;
    const result = stored(await step.run(ctx));
    expect(result).toEqual({
      outcome: 'skipped',
      summary: 'A customer API key, not a root key: it is not probed against the management API.',
    });
    expect(ctx.keyReads()).toBe(0);
  });
});

describe('a customer API key leak: contain', () => {
  it('is manual: the instruction names the key by its mask, how to reroll it, and since when to review', async () => {
    const ctx = apiKeyIncident();
    const result = stored(await apiKeyContainStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe(
      `The API key ${ctx.incident.masked} leaked; rootguard contains root keys only.`,
    );
    expect(result.instruction).toBe(
      `Find the key by its start (${ctx.incident.masked}) in its API in the Unkey dashboard and reroll it ` +
        '(keys.rerollKey with expiration 0 revokes it at once), then give its owner the new key; ' +
        'review its verifications since 2026-11-27T11:59:00.000Z.',
    );
    expect(result.detail).toBeUndefined();
    expect(result.instruction).not.toContain(INCIDENT_ID);
  });

  it('run again (a retry) gives the same outcome and touches nothing: no key read, no Unkey call, no write', async () => {
    const first = apiKeyIncident();
    const again = stepContext({
      key: gen.apiKey('acme_live'),
      incident: { ruleId: 'unkey-api-key', firstExposedAt: '2026-11-27T11:59:00.000Z' },
      progress: first.progressAfter(),
    });
    const a = await apiKeyContainStep.run(first);
    const b = await apiKeyContainStep.run(again);
    expect(b.outcome).toBe(a.outcome);
    for (const ctx of [first, again]) {
      expect(ctx.keyReads()).toBe(0);
      expect(ctx.checkpoints).toEqual([]);
      expect(ctx.incidentUpdates).toEqual([]);
    }
  });
});
