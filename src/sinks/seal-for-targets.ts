import sodium from 'libsodium-wrappers';
import type { GitHubClient } from '../github/github-client.js';
import { describeScope, describeTarget, type DeployTarget } from './deploy-target.js';
import { githubMessage, isRateLimit, statusOf } from '../github/github-answer.js';
import { grantPermissionInstruction, setSecretInstruction } from './manual-instruction.js';
import type { SealedSecret } from './sealed-secret.js';
import type { ScopePublicKey } from './sink.js';
import { sinkFor } from './sink-registry.js';

/** A target sealed for, or why not and what a person must do instead. */
export type SealResult =
  | { readonly ok: true; readonly sealed: SealedSecret }
  | {
      readonly ok: false;
      readonly target: DeployTarget;
      /** What failed, cleaned: never the key. */
      readonly error: string;
      /** The exact instruction; ends with "the new key" so the caller can append its key id. */
      readonly manual: string;
    };

/** Anything that hands out the key for a moment (`Secret` from src/detect/secret.ts). */
export interface RevealableKey {
  reveal(): string;
}

let sodiumReady: Promise<void> | undefined;

/** The same scope's public key is asked for once per call (several secrets often share a repo). */
function scopeId(t: DeployTarget): string {
  const id = t.scope === 'org' ? t.org : t.scope === 'repo' ? t.repo : `${t.repo}:${t.environment}`;
  return `${t.scope}:${id.toLowerCase()}`;
}

/** A libsodium sealed box of the key for `publicKey`, base64 (original variant). */
function seal(key: RevealableKey, publicKey: ScopePublicKey): string {
  const recipient = sodium.from_base64(publicKey.key, sodium.base64_variants.ORIGINAL);
  const message = sodium.from_string(key.reveal());
  try {
    return sodium.to_base64(sodium.crypto_box_seal(message, recipient), sodium.base64_variants.ORIGINAL);
  } finally {
    // The plaintext's bytes do not outlive the seal (the string itself is the caller's).
    sodium.memzero(message);
  }
}

/** Nothing in an error should hold the key; this makes sure of it. */
function scrub(text: string, key: RevealableKey): string {
  const plaintext = key.reveal();
  return plaintext === '' ? text : text.split(plaintext).join('[redacted]');
}

function failure(target: DeployTarget, error: unknown, key: RevealableKey): SealResult {
  const status = statusOf(error);
  const said = githubMessage(error);
  const text =
    status === undefined
      ? `sealing for the ${describeTarget(target)} failed: ${(error as Error)?.message ?? String(error)}`
      : `GitHub answered ${status}${said === undefined ? '' : ` (${said})`} for the public key of ${describeScope(target)}`;
  const permissionProblem = (status === 403 || status === 404) && !isRateLimit(error);
  return {
    ok: false,
    target,
    error: scrub(text, key),
    manual: permissionProblem ? grantPermissionInstruction(target) : setSecretInstruction(target),
  };
}

/** A deploy target with its scope's public key, or why it could not be read. */
export type PublicKeyRead =
  | { readonly target: DeployTarget; readonly publicKey: ScopePublicKey }
  | { readonly target: DeployTarget; readonly error: unknown };

/**
 * Reads each target's scope public key (once per scope), before the key to seal exists: the
 * playbook reads them before it rerolls, so nothing but local sealing stands between Unkey's
 * answer and the ciphertexts. Never throws; a failed read is kept for `sealWithPublicKeys`.
 */
export async function readPublicKeys(
  clientFor: (t: DeployTarget) => Promise<GitHubClient>,
  targets: readonly DeployTarget[],
): Promise<PublicKeyRead[]> {
  const publicKeys = new Map<string, Promise<ScopePublicKey>>();
  const publicKeyOf = (target: DeployTarget): Promise<ScopePublicKey> => {
    const id = scopeId(target);
    let pending = publicKeys.get(id);
    if (pending === undefined) {
      pending = clientFor(target).then((client) => sinkFor(target).getPublicKey(client, target));
      publicKeys.set(id, pending);
    }
    return pending;
  };
  return Promise.all(
    targets.map(async (target): Promise<PublicKeyRead> => {
      try {
        return { target, publicKey: await publicKeyOf(target) };
      } catch (error) {
        return { target, error };
      }
    }),
  );
}

/** Seals the key for every target whose public key was read; the others get their manual instruction. No network. */
export async function sealWithPublicKeys(
  reads: readonly PublicKeyRead[],
  key: RevealableKey,
): Promise<SealResult[]> {
  await (sodiumReady ??= sodium.ready);
  return reads.map((read): SealResult => {
    if ('error' in read) return failure(read.target, read.error, key);
    try {
      return {
        ok: true,
        sealed: {
          target: read.target,
          publicKeyId: read.publicKey.keyId,
          ciphertext: seal(key, read.publicKey),
        },
      };
    } catch (error) {
      return failure(read.target, error, key);
    }
  });
}

/**
 * Seals the key for every target with its scope's GitHub public key, in the targets' order. The
 * plaintext is used only here, to seal; it is never logged or kept. A target whose key cannot be
 * read is a result with the manual instruction (the caller drops the plaintext afterwards, so
 * there is no retry later): `clientFor` should already retry transient failures.
 */
export async function sealForTargets(
  clientFor: (t: DeployTarget) => Promise<GitHubClient>,
  targets: readonly DeployTarget[],
  key: RevealableKey,
): Promise<SealResult[]> {
  return sealWithPublicKeys(await readPublicKeys(clientFor, targets), key);
}
