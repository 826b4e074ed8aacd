import type { StepOutcome } from '../../src/incidents/step-record.js';
import type { StepName } from '../../src/playbook/step-names.js';
import type { RunState } from '../../src/incidents/run-store.js';

/** Step name → outcome of a finished run, for one readable assertion. */
export function outcomesOf(state: RunState): Partial<Record<StepName, StepOutcome | undefined>> {
  return Object.fromEntries([...state.steps].map(([name, record]) => [name, record.outcome]));
}

/** Unkey operations that change something: a dry run must send none. */
export const UNKEY_WRITES = new Set([
  'rootKeys.rerollKey',
  'rootKeys.deleteKey',
  'rootKeys.updateKey',
  'rootKeys.createKey',
  'keys.updateKey',
  'keys.rerollKey',
  'keys.createKey',
  'keys.deleteKey',
]);

/** The outcomes of a full automatic run with nothing in the way (no run log to purge). */
export const AUTOMATIC_RUN = {
  verify: 'done',
  identify: 'done',
  gate: 'done',
  contain: 'done',
  distribute: 'done',
  confirm: 'done',
  audit: 'done',
  flag: 'done',
  purge: 'skipped',
  report: 'done',
} as const;
