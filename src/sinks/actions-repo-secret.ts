import { splitRepo } from './deploy-target.js';
import type { Sink } from './sink.js';

/** A repository's Actions secret (App permission `secrets: write`). */
export const actionsRepoSecret = {
  scope: 'repo',
  permission: 'secrets',
  async getPublicKey(client, target) {
    const { data } = await client.rest.actions.getRepoPublicKey(splitRepo(target.repo));
    return { keyId: data.key_id, key: data.key };
  },
  async putSecret(client, target, sealed) {
    await client.rest.actions.createOrUpdateRepoSecret({
      ...splitRepo(target.repo),
      secret_name: target.name,
      encrypted_value: sealed.ciphertext,
      key_id: sealed.publicKeyId,
    });
  },
} as const satisfies Sink<'repo'>;
