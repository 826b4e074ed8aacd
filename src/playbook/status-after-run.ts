import type { PolicyMode } from '../config/operator-config.js';
import type { IncidentStatus } from '../incidents/incident.js';
import type { StepRecord } from '../incidents/step-record.js';
import { readStepDetail } from './step-details.js';
import type { StepName } from './step-names.js';

/**
 * The incident's status once a run has finished: `contained` only when the key is confirmed
 * dead and nothing is left for a human; `needs-human` when any step asks for one.
 */
export function statusAfterRun(steps: ReadonlyMap<StepName, StepRecord>, mode: PolicyMode): IncidentStatus {
  if (mode === 'dry-run') return 'dry-run';
  const outcomes = [...steps.values()].map((s) => s.outcome);
  if (outcomes.includes('manual') || outcomes.includes('failed')) return 'needs-human';
  const dead =
    readStepDetail(steps.get('verify'), 'verify')?.liveness === 'dead' ||
    steps.get('confirm')?.outcome === 'done';
  return dead ? 'contained' : 'needs-human';
}
