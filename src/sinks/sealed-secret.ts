import type { DeployTarget } from './deploy-target.js';

/**
 * A replacement key sealed for one target: what the contain step records instead of the key.
 * Only the holder of the scope's private key (GitHub) can open it.
 */
export interface SealedSecret {
  readonly target: DeployTarget;
  /** GitHub's `key_id` of the public key it was sealed with. */
  readonly publicKeyId: string;
  /** libsodium sealed box, base64 (original variant, padded), as GitHub's PUT takes it. */
  readonly ciphertext: string;
}
