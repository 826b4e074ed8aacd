import { fingerprintKey } from '../detect/fingerprint.js';
import type { Secret } from '../detect/secret.js';
import type { DeployTarget } from '../sinks/deploy-target.js';
import { readPublicKeys, sealWithPublicKeys, type PublicKeyRead } from '../sinks/seal-for-targets.js';
import type { PlaybookDependencies } from './playbook-dependencies.js';
import type { StepContext } from './step-context.js';
import type { ContainDetail } from './step-details.js';

/** Reads the deploy targets' public keys, so a replacement can be sealed without any network. */
export function readDeployKeys(
  deps: Pick<PlaybookDependencies, 'clientFor'>,
  targets: readonly DeployTarget[],
): Promise<PublicKeyRead[]> {
  return readPublicKeys(
    (target) => deps.clientFor(target.scope === 'org' ? target.org : target.repo),
    targets,
  );
}

/**
 * The deploy targets' public keys, read once per pass of the playbook: identify starts the read
 * as soon as it knows the targets, and contain awaits it just before the reroll.
 */
export function deployKeysOnce(
  ctx: Pick<StepContext, 'deps' | 'once'>,
  targets: readonly DeployTarget[],
): Promise<PublicKeyRead[]> {
  return ctx.once(`deploy-keys:${JSON.stringify(targets)}`, () => readDeployKeys(ctx.deps, targets));
}

/**
 * Seals a new root key for every deploy target (public keys read beforehand) the moment it
 * exists and returns only what may be recorded: its id, fingerprint and mask, and one
 * ciphertext per target. The plaintext is not kept past this call (the automatic reroll and
 * `rootguard deliver` both come through here).
 */
export async function sealReplacement(
  publicKeys: readonly PublicKeyRead[],
  replacement: { readonly keyId?: string; readonly key: Secret },
): Promise<Pick<ContainDetail, 'newKeyId' | 'newFingerprint' | 'newMasked' | 'sealed' | 'sealFailures'>> {
  const results = await sealWithPublicKeys(publicKeys, replacement.key);
  return {
    ...(replacement.keyId ? { newKeyId: replacement.keyId } : {}),
    newFingerprint: fingerprintKey(replacement.key.reveal()),
    newMasked: replacement.key.masked,
    sealed: results.flatMap((r) => (r.ok ? [r.sealed] : [])),
    sealFailures: results.flatMap((r) =>
      r.ok ? [] : [{ target: r.target, error: r.error, manual: r.manual }],
    ),
  };
}
