import type { GitHubClient } from '../github/github-client.js';
import type { DeployTarget } from './deploy-target.js';
import type { SealedSecret } from './sealed-secret.js';

/** A scope's public key as GitHub gives it: `key` is base64 of the 32-byte Curve25519 key. */
export interface ScopePublicKey {
  readonly keyId: string;
  readonly key: string;
}

/** The GitHub App permission (write) a scope's secrets need; app.yml asks for all three. */
export type SecretPermission = 'secrets' | 'environments' | 'organization_secrets';

/** The target type of one scope. */
export type TargetOf<S extends DeployTarget['scope']> = Extract<DeployTarget, { scope: S }>;

/**
 * One kind of deployment secret (GitHub Actions repository, environment or organisation secret):
 * where its scope's public key is and how a sealed value is PUT. GitHub's errors propagate
 * (Octokit's RequestError with `status`); `putSealedSecret` turns them into outcomes.
 */
export interface Sink<S extends DeployTarget['scope'] = DeployTarget['scope']> {
  readonly scope: S;
  readonly permission: SecretPermission;
  getPublicKey(client: GitHubClient, target: TargetOf<S>): Promise<ScopePublicKey>;
  putSecret(client: GitHubClient, target: TargetOf<S>, sealed: SealedSecret): Promise<void>;
}
