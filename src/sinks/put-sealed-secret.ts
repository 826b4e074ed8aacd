import type { GitHubClient } from '../github/github-client.js';
import { describeScope, describeTarget } from './deploy-target.js';
import { SinkError } from './errors.js';
import { githubMessage, isRateLimit, rateLimitWaitMs, statusOf } from '../github/github-answer.js';
import { grantPermissionInstruction, setSecretInstruction } from './manual-instruction.js';
import type { SealedSecret } from './sealed-secret.js';
import { sinkFor } from './sink-registry.js';

/** What a PUT of a sealed secret came to. A `manual` outcome is recorded; it is not an error. */
export type PutSecretResult =
  | { readonly outcome: 'done' }
  | {
      readonly outcome: 'manual';
      /** Why, with GitHub's status and message; no key, ciphertext or token. */
      readonly reason: string;
      /** The exact thing to do; ends with "the new key" so the caller can append its key id. */
      readonly instruction: string;
    };

/**
 * PUTs the recorded ciphertext into its target (organisation secrets keep their visibility and
 * selected repositories). 422 (the scope's public key changed since sealing) and 403/404 (a
 * permission missing, or the scope hidden from the App) are `manual`; 5xx, rate limits and
 * network failures throw `SinkError('github-unavailable')` so the queue retries.
 */
export async function putSealedSecret(client: GitHubClient, sealed: SealedSecret): Promise<PutSecretResult> {
  const { target } = sealed;
  try {
    await sinkFor(target).putSecret(client, target, sealed);
    return { outcome: 'done' };
  } catch (error) {
    const status = statusOf(error);
    const said = githubMessage(error);
    const answer = `GitHub answered ${status}${said === undefined ? '' : ` (${said})`}`;
    if (status === 422)
      return {
        outcome: 'manual',
        reason: `${answer} for the ${describeTarget(target)}: the public key of ${describeScope(target)} changed after the key was sealed for key id ${sealed.publicKeyId}`,
        instruction: setSecretInstruction(target),
      };
    if ((status === 403 || status === 404) && !isRateLimit(error))
      return {
        outcome: 'manual',
        reason: `${answer} for the ${describeTarget(target)}: the App lacks "${sinkFor(target).permission}: write" there, or cannot see ${describeScope(target)}`,
        instruction: grantPermissionInstruction(target),
      };
    if (status === undefined || status >= 500 || isRateLimit(error))
      throw new SinkError(
        'github-unavailable',
        `setting the ${describeTarget(target)} failed: ${status === undefined ? 'no answer from GitHub' : answer}`,
        status,
        rateLimitWaitMs(error),
      );
    throw new SinkError(
      'unexpected-answer',
      `setting the ${describeTarget(target)} failed: ${answer}`,
      status,
    );
  }
}
