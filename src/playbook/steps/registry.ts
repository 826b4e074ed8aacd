import type { PlaybookStep } from '../playbook-step.js';
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
