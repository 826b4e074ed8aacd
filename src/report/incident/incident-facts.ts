import type { ReporterDelivery } from '../../incidents/report-store.js';
import type { StepOutcome, StepRecord } from '../../incidents/step-record.js';
import { readStepDetail, type AffectedKey } from '../../playbook/step-details.js';
import type { StepName } from '../../playbook/step-names.js';
import type { IncidentReport } from './incident-report.js';
import type { ReporterName } from './reporter-names.js';

// The few step-detail fields the reports show, read through the playbook's schemas
// (`readStepDetail`): a detail that fails its schema reads as none, so a report still renders.

/** Which root key leaked, as `identify` recorded it. */
export interface KeyIdentity {
  readonly keyId?: string;
  /** Unkey's name of the key, else the operator inventory's. */
  readonly name?: string;
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
export function stepRecord(report: IncidentReport, step: StepName): StepRecord<StepName> | undefined {
  return report.run?.steps.get(step);
}

/** The leaked key's id and name. */
export function keyIdentity(report: IncidentReport): KeyIdentity {
  const detail = readStepDetail(stepRecord(report, 'identify'), 'identify') ?? {};
  const keyId = nonEmpty(detail.keyId);
  const name = nonEmpty(detail.name) ?? nonEmpty(detail.inventoryName);
  return { ...(keyId ? { keyId } : {}), ...(name ? { name } : {}) };
}

/** How many deploy targets hold the key (`identify`'s `deploy`). */
export function deployTargetCount(report: IncidentReport): number {
  return readStepDetail(stepRecord(report, 'identify'), 'identify')?.deploy?.length ?? 0;
}

/** The replacement's id and mask, when one was made. */
export function replacementOf(report: IncidentReport): ReplacementFact | undefined {
  const detail = readStepDetail(stepRecord(report, 'contain'), 'contain') ?? {};
  const newKeyId = nonEmpty(detail.newKeyId);
  const newMasked = nonEmpty(detail.newMasked);
  if (!newKeyId && !newMasked) return undefined;
  return { ...(newKeyId ? { newKeyId } : {}), ...(newMasked ? { newMasked } : {}) };
}

/**
 * Replacements whose answer was lost (a reroll applied, its key never received): nobody holds
 * them, and `contain` revoked them. Named in the report so an operator can match Unkey's list.
 */
export function orphansRevoked(report: IncidentReport): string[] {
  return [...(readStepDetail(stepRecord(report, 'contain'), 'contain')?.orphansRevoked ?? [])];
}

/** `distribute` put the replacement into every deploy target. */
export function replacementDeployed(report: IncidentReport): boolean {
  return stepRecord(report, 'distribute')?.outcome === 'done';
}

/** The API keys `audit` found the leaked key may have touched, and whether its lists were cut. */
export function affectedKeys(report: IncidentReport): { keys: AffectedKey[]; truncated: boolean } {
  const detail = readStepDetail(stepRecord(report, 'audit'), 'audit') ?? {};
  // A key without an id names nothing an operator can find (the schema lets `''` through).
  const keys = (detail.affected ?? []).filter((key) => key.keyId !== '');
  return { keys, truncated: detail.truncated === true };
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
export function currentStep(report: IncidentReport): StepRecord<StepName> | undefined {
  return [...(report.run?.steps.values() ?? [])].find((record) => record.outcome === undefined);
}

/** The reporters whose last delivery failed. */
export function failedDeliveries(report: IncidentReport): ReporterDelivery<ReporterName>[] {
  return report.deliveries.filter((delivery) => delivery.status === 'failed');
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}
