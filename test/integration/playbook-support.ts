import { expect } from 'vitest';
import type { StepOutcome } from '../../src/incidents/step-record.js';
import { STEP_DETAIL_SCHEMAS } from '../../src/playbook/step-details.js';
import type { StepName } from '../../src/playbook/step-names.js';
import type { RunState } from '../../src/incidents/run-store.js';

/** Step name → outcome of a finished run, for one readable assertion. */
export function outcomesOf(state: RunState): Partial<Record<StepName, StepOutcome | undefined>> {
  return Object.fromEntries([...state.steps].map(([name, record]) => [name, record.outcome]));
}

/**
 * Every step detail the run recorded passes its step's schema, with no field the schema does not
 * declare (a step that records a new field declares it in `src/playbook/step-details.ts`).
 */
export function expectDetailsMatchSchemas(state: RunState): void {
  for (const [name, record] of state.steps) {
    if (record.detail === undefined) continue;
    const schema = Object.entries(STEP_DETAIL_SCHEMAS).find(([step]) => step === name)?.[1];
    expect(schema, `a schema for ${name}`).toBeDefined();
    const checked = schema!.strict().safeParse(record.detail);
    expect(checked.error?.issues ?? [], `the detail ${name} recorded`).toEqual([]);
  }
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
