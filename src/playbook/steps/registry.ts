import type { RuleId } from '../../detect/finding.js';
import type { PlaybookStep } from '../playbook-step.js';
import { apiKeyContainStep, apiKeyVerifyStep } from './api-key-leak.js';
import { auditStep } from './audit.js';
import { confirmStep } from './confirm.js';
import { containStep } from './contain.js';
import { distributeStep } from './distribute.js';
import { flagStep } from './flag.js';
import { gateStep } from './gate.js';
import { identifyStep } from './identify.js';
import { purgeStep } from './purge.js';
import { reportStep } from './report.js';
import { verifyStep } from './verify.js';

/** The leak playbook, in order (the order of `STEP_NAMES`). */
export const PLAYBOOK_STEPS: readonly PlaybookStep[] = [
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

/** A customer API key's playbook: recorded, one instruction for a human, reported. */
export const API_KEY_STEPS: readonly PlaybookStep[] = [apiKeyVerifyStep, apiKeyContainStep, reportStep];

/** The steps for a leaked key of this rule. */
export function playbookFor(ruleId: RuleId): readonly PlaybookStep[] {
  return ruleId === 'unkey-api-key' ? API_KEY_STEPS : PLAYBOOK_STEPS;
}
