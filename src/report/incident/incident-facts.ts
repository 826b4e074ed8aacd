import type { ReporterDelivery } from '../../incidents/report-store.js';
import type { StepName, StepOutcome, StepRecord } from '../../incidents/step-record.js';
import type { IncidentReport } from './incident-report.js';

// The playbook records step details as JSON (src/playbook/step-details.ts); src/report may not
// import the playbook, so the few fields the reports show are read here, checked by type.

/** Which root key leaked, as `identify` recorded it. */
export interface KeyIdentity {
  readonly keyId?: string;
  /** Unkey's name of the key, else the operator inventory's. */
  readonly name?: string;
}

/** One API key the leaked key may have touched (`audit`'s `affected`). */
export interface AffectedKeyFact {
  readonly keyId: string;
  readonly apiId?: string;
  readonly reasons: readonly string[];
}

/** Something only a human can finish: a `manual` step, or a `failed` one with an instruction. */
export interface HumanTask {
  readonly step: StepName;
  readonly outcome: StepOutcome;
  readonly instruction: string;
}

/** The replacement key as `contain` (or `rootguard deliver`) recorded it: id and mask only. */
export interface ReplacementFact {
  readonly newKeyId?: string;
  readonly newMasked?: string;
}

/** The record of `step` in the current run, when it has one. */
export function stepRecord(report: IncidentReport, step: StepName): StepRecord | undefined {
  return report.run?.steps.get(step);
}

/** The leaked key's id and name. */
export function keyIdentity(report: IncidentReport): KeyIdentity {
  const detail = stepRecord(report, 'identify')?.detail ?? {};
  const keyId = stringField(detail['keyId']);
  const name = stringField(detail['name']) ?? stringField(detail['inventoryName']);
  return { ...(keyId ? { keyId } : {}), ...(name ? { name } : {}) };
}

/** How many deploy targets hold the key (`identify`'s `deploy`). */
export function deployTargetCount(report: IncidentReport): number {
  const deploy = stepRecord(report, 'identify')?.detail?.['deploy'];
  return Array.isArray(deploy) ? deploy.length : 0;
}

/** The replacement's id and mask, when one was made. */
export function replacementOf(report: IncidentReport): ReplacementFact | undefined {
  const detail = stepRecord(report, 'contain')?.detail ?? {};
  const newKeyId = stringField(detail['newKeyId']);
  const newMasked = stringField(detail['newMasked']);
  if (!newKeyId && !newMasked) return undefined;
  return { ...(newKeyId ? { newKeyId } : {}), ...(newMasked ? { newMasked } : {}) };
}

/**
 * Replacements whose answer was lost (a reroll applied, its key never received): nobody holds
 * them, and `contain` revoked them. Named in the report so an operator can match Unkey's list.
 */
export function orphansRevoked(report: IncidentReport): string[] {
  const listed = stepRecord(report, 'contain')?.detail?.['orphansRevoked'];
  return Array.isArray(listed) ? listed.flatMap((id) => (typeof id === 'string' ? [id] : [])) : [];
}

/** `distribute` put the replacement into every deploy target. */
export function replacementDeployed(report: IncidentReport): boolean {
  return stepRecord(report, 'distribute')?.outcome === 'done';
}

/** The API keys `audit` found the leaked key may have touched, and whether its lists were cut. */
export function affectedKeys(report: IncidentReport): { keys: AffectedKeyFact[]; truncated: boolean } {
  const detail = stepRecord(report, 'audit')?.detail ?? {};
  const listed = Array.isArray(detail['affected']) ? (detail['affected'] as unknown[]) : [];
  const keys = listed.flatMap((entry): AffectedKeyFact[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { keyId, apiId, reasons } = entry as Record<string, unknown>;
    const id = stringField(keyId);
    if (!id) return [];
    const why = Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
    const api = stringField(apiId);
    return [{ keyId: id, ...(api ? { apiId: api } : {}), reasons: why }];
  });
  return { keys, truncated: detail['truncated'] === true };
}

/** What the current run left for a human, in step order. */
export function humanTasks(report: IncidentReport): HumanTask[] {
  return [...(report.run?.steps.values() ?? [])].flatMap((record): HumanTask[] =>
    (record.outcome === 'manual' || record.outcome === 'failed') && record.instruction
      ? [{ step: record.step, outcome: record.outcome, instruction: record.instruction }]
      : [],
  );
}

/** The step that runs or waits now, when the current run has one. */
export function currentStep(report: IncidentReport): StepRecord | undefined {
  return [...(report.run?.steps.values() ?? [])].find((record) => record.outcome === undefined);
}

/** The reporters whose last delivery failed. */
export function failedDeliveries(report: IncidentReport): ReporterDelivery[] {
  return report.deliveries.filter((delivery) => delivery.status === 'failed');
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
