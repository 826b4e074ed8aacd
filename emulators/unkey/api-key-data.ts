// The `KeyResponseData` shape of a stored API key.
import type { ApiKeyRecord } from './unkey-state.js';

/** The `KeyResponseData` of a stored key (optional fields only when set). */
export function apiKeyData(key: ApiKeyRecord): Record<string, unknown> {
  return {
    keyId: key.keyId,
    start: key.start,
    enabled: key.enabled,
    createdAt: key.createdAt,
    ...(key.name !== undefined ? { name: key.name } : {}),
    ...(key.meta !== undefined ? { meta: key.meta } : {}),
    ...(key.updatedAt !== undefined ? { updatedAt: key.updatedAt } : {}),
    ...(key.expires !== undefined ? { expires: key.expires } : {}),
  };
}
