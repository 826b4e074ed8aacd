import type { DeployTarget } from '../sinks/deploy-target.js';
import type { SealedSecret } from '../sinks/sealed-secret.js';
import type { StepName } from '../incidents/step-record.js';
import type { LivenessState } from '../unkey/probe-liveness.js';
import type { StepContext } from './step-context.js';

/**
 * What `verify` records: the probe's state (`LivenessState`). `unknown`: no occurrence still
 * holds the key, so it was not probed, or Unkey gave an answer that proves neither (`answer`).
 */
export interface VerifyDetail {
  readonly liveness: LivenessState;
  /** An expired key: when Unkey says it expired (ISO 8601). */
  readonly expiredAt?: string;
  /** Unkey's answer in words, when it was not a plain live. */
  readonly answer?: string;
  /** Dead already: when rootguard first saw it so (revoked by someone else by then). */
  readonly seenDeadAt?: string;
}

/** What `identify` records: which root key leaked, and where it is deployed. */
export interface IdentifyDetail {
  /** `automatic`: rootguard can reroll it; `assisted`: a human must rotate it. */
  readonly path: 'automatic' | 'assisted';
  readonly assistedReason?: string;
  readonly keyId?: string;
  readonly name?: string | null;
  readonly createdAt?: number;
  readonly permissions?: readonly string[];
  /** The inventory entry that names the key, when one does. */
  readonly inventoryName?: string;
  readonly deploy: readonly DeployTarget[];
  readonly deploySource: 'inventory' | 'default-secret' | 'none';
  /** How many root keys matched the key's start and end (more than one: ambiguous). */
  readonly candidates?: number;
}

/** What `gate` records. */
export interface GateDetail {
  readonly mode: 'auto' | 'approve' | 'dry-run';
  /** Containment may go ahead. */
  readonly proceed: boolean;
  readonly timedOut?: boolean;
}

/** What `contain` records: the replacement's id and fingerprint, and its ciphertexts only. */
export interface ContainDetail {
  readonly path: 'automatic' | 'assisted';
  /** A reroll was asked for at this time (ms): on a retry, find its result before asking again. */
  readonly rerollRequestedAt?: number;
  readonly originalKeyId?: string;
  readonly newKeyId?: string;
  readonly newFingerprint?: string;
  readonly newMasked?: string;
  readonly sealed?: readonly SealedSecret[];
  /** Deploy targets whose public key could not be read: the new key never reached them. */
  readonly sealFailures?: readonly { target: DeployTarget; error: string; manual: string }[];
  /** Replacements found with no usable secret (a lost answer), revoked. */
  readonly orphansRevoked?: readonly string[];
  /** Assisted path: when the key was seen dead. */
  readonly seenDeadAt?: string;
  /** Assisted path: the expiry Unkey reported for the rotated key, ISO 8601. */
  readonly expiredAt?: string;
}

/** One API key the leaked root key may have touched. */
export interface AffectedKey {
  readonly keyId: string;
  readonly apiId?: string;
  readonly reasons: readonly string[];
}

/** What `audit` records. */
export interface AuditDetail {
  readonly method: 'audit-log' | 'key-listing' | 'none';
  readonly window: { readonly start: string; readonly end: string };
  /** Audit events by type (audit-log method). */
  readonly events?: Readonly<Record<string, number>>;
  readonly affected: readonly AffectedKey[];
  readonly truncated?: boolean;
}

/** The detail an earlier step recorded, typed (empty when it recorded none). */
export function detailOf<T>(ctx: Pick<StepContext, 'steps'>, step: StepName): Partial<T> {
  return (ctx.steps.get(step)?.detail ?? {}) as Partial<T>;
}
