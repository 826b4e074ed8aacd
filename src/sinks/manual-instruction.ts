import { describeTarget, type DeployTarget } from './deploy-target.js';
import { sinkFor } from './sink-registry.js';

/**
 * What a person does when rootguard could not set the secret: "Set the repository secret X in
 * acme/api to the new key". It ends with "the new key" so the caller can append the new key's
 * id; with `newKeyId` it does so itself. Never holds the key.
 */
export function setSecretInstruction(target: DeployTarget, newKeyId?: string): string {
  const text = `Set the ${describeTarget(target)} to the new key`;
  return newKeyId === undefined ? text : `${text} (key id ${newKeyId})`;
}

/** Where the App's installation for the target is accepted: the repository owner or the organisation. */
function account(target: DeployTarget): string {
  return target.scope === 'org' ? target.org : target.repo.slice(0, target.repo.indexOf('/'));
}

/**
 * The instruction when GitHub refused the App (403) or hid the scope from it (404): grant the
 * permission the scope needs, or set the secret by hand.
 */
export function grantPermissionInstruction(target: DeployTarget, newKeyId?: string): string {
  const permission = sinkFor(target).permission;
  return (
    `Give the rootguard GitHub App the "${permission}: write" permission (App settings → ` +
    `Permissions, then accept the new permission on the installation for ${account(target)}), ` +
    `or ${setSecretInstruction(target, newKeyId).replace(/^Set/, 'set')}`
  );
}
