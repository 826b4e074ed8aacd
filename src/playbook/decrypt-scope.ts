/** The APIs whose recoverable keys a root key could decrypt. */
export type DecryptScope =
  { readonly all: true } | { readonly all: false; readonly apiIds: ReadonlySet<string> };

/**
 * Reads a root key's permissions for `decrypt_key`. Legacy tuples (`api.*.decrypt_key`,
 * `api.<apiId>.decrypt_key`, `api.*.*`), resource names (`unkey:v1:<ws>:keyspaces/…#decrypt_key`;
 * keyspace ids are not API ids, so any keyspace grant counts as every API) and the bare `*`.
 * Decryption is not audited, so whatever it could reach counts as exposed.
 */
export function decryptScope(permissions: readonly string[]): DecryptScope {
  const apiIds = new Set<string>();
  for (const permission of permissions) {
    if (permission === '*') return { all: true };
    const tuple = /^api\.([^.]+)\.(decrypt_key|\*)$/.exec(permission);
    if (tuple) {
      if (tuple[1] === '*') return { all: true };
      apiIds.add(tuple[1] as string);
      continue;
    }
    if (/^unkey:v1:[^:]+:(?:\*|keyspaces\/.*)#(?:decrypt_key|\*)$/.test(permission)) return { all: true };
  }
  return { all: false, apiIds };
}

export function decryptCovers(scope: DecryptScope, apiId: string): boolean {
  return scope.all || scope.apiIds.has(apiId);
}
