import type { UnkeyRequestError } from '../unkey/errors.js';

/** Where a human rotates root keys. */
export const UNKEY_ROOT_KEYS_URL = 'https://app.unkey.com/settings/root-keys';

/** Why rootguard's own responder key could not do `operation`, and how to fix it. */
export function responderRejected(error: UnkeyRequestError, operation: string, permission: string): string {
  return error.status === 401
    ? `Unkey rejected rootguard's own UNKEY_ROOT_KEY (401 on ${operation}${requestId(error)}): it is wrong, revoked or expired; set a valid responder key.`
    : `rootguard's UNKEY_ROOT_KEY lacks the permission for ${operation} (403${requestId(error)}): grant it ${permission}.`;
}

function requestId(error: UnkeyRequestError): string {
  return error.requestId ? `, request ${error.requestId}` : '';
}

/** The assisted path's instruction: rotate the key by hand, then hand the new key to rootguard. */
export function rotateByHand(options: {
  readonly masked: string;
  readonly incidentId: string;
  readonly keyId?: string;
  readonly name?: string | null;
}): string {
  const which = [options.keyId, options.name ? `"${options.name}"` : undefined].filter(Boolean).join(' ');
  return (
    `In the Unkey dashboard (${UNKEY_ROOT_KEYS_URL}), find the root key ${options.masked}` +
    `${which ? ` (${which})` : ''} and rotate it (rotation copies its permissions and revokes it), ` +
    `or delete it and create a new one with the same permissions. Then pipe the new key into ` +
    `\`rootguard deliver --incident ${options.incidentId}\` so rootguard seals it into the deployment secrets. ` +
    `Never paste the new key into an issue, a pull request or a chat.`
  );
}

/**
 * A deployment secret rootguard could not set after an automatic reroll. rootguard keeps no copy
 * of the new key (only ciphertexts for the public keys it read), so the way out is a fresh
 * rotation of the replacement, delivered to every target at once.
 */
export function setSecretByHand(target: string, newKeyId: string | undefined, incidentId: string): string {
  const key = newKeyId ?? 'the replacement root key';
  return (
    `${target} does not hold the new key. rootguard keeps no copy of it: rotate ${key} in the Unkey ` +
    `dashboard (${UNKEY_ROOT_KEYS_URL}) and pipe the result into \`rootguard deliver --incident ${incidentId}\`, ` +
    `which sets every deploy target again.`
  );
}
