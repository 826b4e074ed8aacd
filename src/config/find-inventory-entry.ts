import type { OperatorConfig, RootKeyEntry } from './operator-config.js';

/**
 * The inventory entry of a leaked root key: by fingerprint first (what a leak is known by), then
 * by key id (known once Unkey has identified the key). `undefined` when neither matches.
 */
export function findInventoryEntry(
  config: OperatorConfig,
  by: { readonly fingerprint?: string; readonly keyId?: string },
): RootKeyEntry | undefined {
  const { fingerprint, keyId } = by;
  return (
    (fingerprint === undefined ? undefined : config.rootKeys.find((e) => e.fingerprint === fingerprint)) ??
    (keyId === undefined ? undefined : config.rootKeys.find((e) => e.keyId === keyId))
  );
}
