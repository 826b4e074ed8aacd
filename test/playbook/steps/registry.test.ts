import { describe, expect, it } from 'vitest';
import { STEP_NAMES } from '../../../src/playbook/step-names.js';
import { apiKeyContainStep, apiKeyVerifyStep } from '../../../src/playbook/steps/api-key-leak.js';
import { auditStep } from '../../../src/playbook/steps/audit.js';
import { confirmStep } from '../../../src/playbook/steps/confirm.js';
import { containStep } from '../../../src/playbook/steps/contain.js';
import { distributeStep } from '../../../src/playbook/steps/distribute.js';
import { flagStep } from '../../../src/playbook/steps/flag.js';
import { gateStep } from '../../../src/playbook/steps/gate.js';
import { identifyStep } from '../../../src/playbook/steps/identify.js';
import { purgeStep } from '../../../src/playbook/steps/purge.js';
import { API_KEY_STEPS, PLAYBOOK_STEPS, playbookFor } from '../../../src/playbook/steps/registry.js';
import { reportStep } from '../../../src/playbook/steps/report.js';
import { verifyStep } from '../../../src/playbook/steps/verify.js';

describe('the step registry', () => {
  it('orders the root key playbook as STEP_NAMES does', () => {
    expect(PLAYBOOK_STEPS.map((s) => s.name)).toEqual([
      'verify',
      'identify',
      'gate',
      'contain',
      'distribute',
      'confirm',
      'audit',
      'flag',
      'purge',
      'report',
    ]);
    expect(PLAYBOOK_STEPS.map((s) => s.name)).toEqual([...STEP_NAMES]);
  });

  it('maps each name to the step of that file (the very objects, in order)', () => {
    const files = [
      verifyStep,
      identifyStep,
      gateStep,
      containStep,
      distributeStep,
      confirmStep,
      auditStep,
      flagStep,
      purgeStep,
      reportStep,
    ];
    expect(PLAYBOOK_STEPS).toHaveLength(files.length);
    PLAYBOOK_STEPS.forEach((step, i) => expect(step).toBe(files[i]));
  });

  it('gives a customer API key its own three steps, under the names the reports know', () => {
    expect(API_KEY_STEPS).toHaveLength(3);
    expect(API_KEY_STEPS[0]).toBe(apiKeyVerifyStep);
    expect(API_KEY_STEPS[1]).toBe(apiKeyContainStep);
    expect(API_KEY_STEPS[2]).toBe(reportStep);
    expect(API_KEY_STEPS.map((s) => s.name)).toEqual(['verify', 'contain', 'report']);
  });

  it('chooses the playbook by rule', () => {
    expect(playbookFor('unkey-api-key')).toBe(API_KEY_STEPS);
    expect(playbookFor('unkey-root-key')).toBe(PLAYBOOK_STEPS);
  });

  it('only identify prefetches (its reads start with the pass, beside verify)', () => {
    expect(PLAYBOOK_STEPS.filter((s) => s.prefetch !== undefined).map((s) => s.name)).toEqual(['identify']);
  });
});
