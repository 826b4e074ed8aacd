import { z } from 'zod';
import type { StepDetail, StepRecord } from '../incidents/step-record.js';
import type { DeployTarget } from '../sinks/deploy-target.js';
import type { SealedSecret } from '../sinks/sealed-secret.js';
import type { LivenessState } from '../unkey/probe-liveness.js';
import type { StepName } from './step-names.js';

// What each step records in its `StepRecord.detail` (JSON in Redis, read back by later steps and
// by the reports): one zod schema per step, the TypeScript type inferred from it. Every field is
// optional at the top level because every record may lack it: a step that failed records only
// what it checkpointed plus `error`, a dry run records `dryRun`, a step still running records its
// checkpoints. Field names are the stored JSON's: renaming one loses what existing incidents hold.

const readonlyStrings = z.array(z.string()).readonly();

const deployTargetSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('repo'), repo: z.string(), name: z.string() }),
  z.object({ scope: z.literal('environment'), repo: z.string(), environment: z.string(), name: z.string() }),
  z.object({ scope: z.literal('org'), org: z.string(), name: z.string() }),
]) satisfies z.ZodType<DeployTarget>;

const sealedSecretSchema = z.object({
  target: deployTargetSchema,
  publicKeyId: z.string(),
  ciphertext: z.string(),
}) satisfies z.ZodType<SealedSecret>;

const livenessSchema = z.enum([
  'live',
  'disabled',
  'dead',
  'workspace-disabled',
  'unknown',
] as const satisfies readonly LivenessState[]);

/** What any step's record may hold besides its own fields. */
const common = {
  /** The cleaned error of a step that failed (beside what it had checkpointed). */
  error: z.string().optional(),
  /** A dry run: the step recorded what it would have done, and did nothing. */
  dryRun: z.literal(true).optional(),
};

/**
 * What `verify` records: the probe's state (`LivenessState`). `unknown`: no occurrence still
 * holds the key, so it was not probed, or Unkey gave an answer that proves neither (`answer`).
 */
export const verifyDetailSchema = z.object({
  ...common,
  liveness: livenessSchema.optional(),
  /** An expired key: when Unkey says it expired (ISO 8601). */
  expiredAt: z.string().optional(),
  /** Unkey's answer in words, when it was not a plain live. */
  answer: z.string().optional(),
  /** Dead already: when rootguard first saw it so (revoked by someone else by then). */
  seenDeadAt: z.string().optional(),
});

/** What `identify` records: which root key leaked, and where it is deployed. */
export const identifyDetailSchema = z.object({
  ...common,
  /** `automatic`: rootguard can reroll it; `assisted`: a human must rotate it. */
  path: z.enum(['automatic', 'assisted']).optional(),
  assistedReason: z.string().optional(),
  keyId: z.string().optional(),
  name: z.string().nullable().optional(),
  createdAt: z.number().optional(),
  permissions: readonlyStrings.optional(),
  /** The inventory entry that names the key, when one does. */
  inventoryName: z.string().optional(),
  deploy: z.array(deployTargetSchema).readonly().optional(),
  deploySource: z.enum(['inventory', 'default-secret', 'none']).optional(),
  /** How many root keys matched the key's start and end (more than one: ambiguous). */
  candidates: z.number().optional(),
});

/** What `gate` records. */
export const gateDetailSchema = z.object({
  ...common,
  mode: z.enum(['auto', 'approve', 'dry-run']).optional(),
  /** Containment may go ahead. */
  proceed: z.boolean().optional(),
  timedOut: z.boolean().optional(),
});

/** What `contain` records: the replacement's id and fingerprint, and its ciphertexts only. */
export const containDetailSchema = z.object({
  ...common,
  path: z.enum(['automatic', 'assisted']).optional(),
  /** A reroll was asked for at this time (ms): on a retry, find its result before asking again. */
  rerollRequestedAt: z.number().optional(),
  originalKeyId: z.string().optional(),
  newKeyId: z.string().optional(),
  newFingerprint: z.string().optional(),
  newMasked: z.string().optional(),
  sealed: z.array(sealedSecretSchema).readonly().optional(),
  /** Deploy targets whose public key could not be read: the new key never reached them. */
  sealFailures: z
    .array(z.object({ target: deployTargetSchema, error: z.string(), manual: z.string() }))
    .readonly()
    .optional(),
  /** Replacements found with no usable secret (a lost answer), revoked. */
  orphansRevoked: readonlyStrings.optional(),
  /** Assisted path: when the key was seen dead. */
  seenDeadAt: z.string().optional(),
  /** Assisted path: the expiry Unkey reported for the rotated key, ISO 8601. */
  expiredAt: z.string().optional(),
});

/** What `distribute` records (and `rootguard deliver`, which runs it with a delivered key). */
export const distributeDetailSchema = z.object({
  ...common,
  /** The ids (`targetId`) of the deploy targets set so far. */
  set: readonlyStrings.optional(),
  /** How many targets need a human. */
  manualTargets: z.number().optional(),
  /** The replacement came from `rootguard deliver`: its fingerprint and mask. */
  delivered: z.literal(true).optional(),
  newFingerprint: z.string().optional(),
  newMasked: z.string().optional(),
});

/** What `confirm` records: when a probe saw the key dead, or its last answer at the deadline. */
export const confirmDetailSchema = z.object({
  ...common,
  confirmedAt: z.string().optional(),
  timeToContainMs: z.number().optional(),
  liveness: livenessSchema.optional(),
  answer: z.string().optional(),
  probes: z.number().optional(),
});

/** One API key the leaked root key may have touched. */
export const affectedKeySchema = z.object({
  keyId: z.string(),
  apiId: z.string().optional(),
  reasons: readonlyStrings,
});

/** What `audit` records. */
export const auditDetailSchema = z.object({
  ...common,
  method: z.enum(['audit-log', 'key-listing', 'none']).optional(),
  window: z.object({ start: z.string(), end: z.string() }).optional(),
  /** Audit events by type (audit-log method). */
  events: z.record(z.string(), z.number()).optional(),
  affected: z.array(affectedKeySchema).readonly().optional(),
  truncated: z.boolean().optional(),
});

/** What `flag` records: the API keys handled so far, and the affected keys in words. */
export const flagDetailSchema = z.object({
  ...common,
  handled: readonlyStrings.optional(),
  affected: readonlyStrings.optional(),
});

/** What `purge` records: the run logs deleted (`owner/repo#runId`), and those GitHub refused. */
export const purgeDetailSchema = z.object({
  ...common,
  deleted: readonlyStrings.optional(),
  refused: readonlyStrings.optional(),
});

/** What `report` records: the incident revision the run reports. */
export const reportDetailSchema = z.object({
  ...common,
  revision: z.number().optional(),
});

/** Each step's detail schema, by step name: the one declaration of what a step records. */
export const STEP_DETAIL_SCHEMAS = {
  verify: verifyDetailSchema,
  identify: identifyDetailSchema,
  gate: gateDetailSchema,
  contain: containDetailSchema,
  distribute: distributeDetailSchema,
  confirm: confirmDetailSchema,
  audit: auditDetailSchema,
  flag: flagDetailSchema,
  purge: purgeDetailSchema,
  report: reportDetailSchema,
} as const satisfies { readonly [N in StepName]: z.ZodType };

/** What step `N` records. */
export type StepDetailOf<N extends StepName> = z.output<(typeof STEP_DETAIL_SCHEMAS)[N]>;
/** What `verify` records (`verifyDetailSchema`). */
export type VerifyDetail = StepDetailOf<'verify'>;
/** What `identify` records (`identifyDetailSchema`). */
export type IdentifyDetail = StepDetailOf<'identify'>;
/** What `gate` records (`gateDetailSchema`). */
export type GateDetail = StepDetailOf<'gate'>;
/** What `contain` records (`containDetailSchema`). */
export type ContainDetail = StepDetailOf<'contain'>;
/** What `audit` records (`auditDetailSchema`). */
export type AuditDetail = StepDetailOf<'audit'>;
/** One API key the leaked root key may have touched (`affectedKeySchema`). */
export type AffectedKey = z.output<typeof affectedKeySchema>;

/**
 * The detail `step` recorded, checked against its schema; undefined when it recorded none.
 * A top-level field that fails the check (a wrong type: a record written by another version, or
 * damaged) reads as absent and the other fields are read, as the readers always treated a
 * missing field: a report still renders, and a step takes its path for a detail without that
 * field. A list with one bad entry is absent as a whole. A detail that is not an object at all
 * reads as none. A record that passes is returned as stored (not zod's copy), so a step that
 * spreads it records the same JSON again.
 */
export function readStepDetail<N extends StepName>(
  record: Pick<StepRecord, 'detail'> | undefined,
  step: N,
): StepDetailOf<N> | undefined {
  const detail = record?.detail;
  if (detail === undefined) return undefined;
  if (conforms(step, detail)) return detail;
  const issues = STEP_DETAIL_SCHEMAS[step].safeParse(detail).error?.issues ?? [];
  const bad = new Set(issues.map((issue) => issue.path[0]));
  if (bad.has(undefined) || typeof detail !== 'object' || detail === null) return undefined;
  const kept: StepDetail = Object.fromEntries(Object.entries(detail).filter(([field]) => !bad.has(field)));
  return conforms(step, kept) ? kept : undefined;
}

/** The detail an earlier step recorded, read by `readStepDetail` (empty when it recorded none). */
export function detailOf<N extends StepName>(
  ctx: { readonly steps: ReadonlyMap<StepName, StepRecord> },
  step: N,
): StepDetailOf<N> {
  const detail = readStepDetail(ctx.steps.get(step), step);
  if (detail !== undefined) return detail;
  // Every field is optional, so an empty detail checks against every schema (typed, no cast).
  const empty: StepDetail = {};
  if (conforms(step, empty)) return empty;
  throw new Error(`The detail schema of ${step} rejects an empty detail; make its fields optional.`);
}

function conforms<N extends StepName>(step: N, detail: StepDetail): detail is StepDetail & StepDetailOf<N> {
  return STEP_DETAIL_SCHEMAS[step].safeParse(detail).success;
}
