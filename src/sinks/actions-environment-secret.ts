import { splitRepo } from './deploy-target.js';
import type { Sink } from './sink.js';

/** A repository environment's Actions secret (App permission `environments: write`). */
export const actionsEnvironmentSecret = {
  scope: 'environment',
  permission: 'environments',
  async getPublicKey(client, target) {
    const { data } = await client.rest.actions.getEnvironmentPublicKey({
      ...splitRepo(target.repo),
      environment_name: target.environment,
    });
    return { keyId: data.key_id, key: data.key };
  },
  async putSecret(client, target, sealed) {
    await client.rest.actions.createOrUpdateEnvironmentSecret({
      ...splitRepo(target.repo),
      environment_name: target.environment,
      secret_name: target.name,
      encrypted_value: sealed.ciphertext,
      key_id: sealed.publicKeyId,
    });
  },
} as const satisfies Sink<'environment'>;
