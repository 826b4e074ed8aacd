// Root-key permission checks. Legacy tuples (`api.*.read_api`, `api.<apiId>.read_key`) and a
// wildcard `*`; root-key and audit permissions also in Unkey's URN form
// (`unkey:v1:<ws>:rootKeys/*#read` matches the tuple `rootKeys.*.read`).

/** The URN suffix (`rootKeys/*#read`) of a tuple (`rootKeys.*.read`). */
function urnSuffix(tuple: string): string | undefined {
  const parts = tuple.split('.');
  if (parts.length !== 3) return undefined;
  return `${parts[0]}/${parts[1]}#${parts[2]}`;
}

/** Whether one granted permission satisfies one required tuple. */
function grants(granted: string, required: string): boolean {
  if (granted === '*' || granted === required) return true;
  const suffix = urnSuffix(required);
  return suffix !== undefined && granted.startsWith('unkey:v1:') && granted.endsWith(`:${suffix}`);
}

/** True when `granted` satisfies at least one of the `anyOf` tuples. */
export function hasPermission(granted: readonly string[], anyOf: readonly string[]): boolean {
  return anyOf.some((required) => granted.some((g) => grants(g, required)));
}

/** The tuples that allow `action` on an API: for every API, or for this one. */
export function apiPermission(apiId: string, action: string): string[] {
  return [`api.*.${action}`, `api.${apiId}.${action}`];
}

/** The tuples that allow `action` (`read`, `write`, `delete`) on a root key. */
export function rootKeyPermission(keyId: string, action: 'read' | 'write' | 'delete'): string[] {
  return [`rootKeys.*.${action}`, `rootKeys.${keyId}.${action}`];
}

/** Whether a caller holds a permission it wants to grant (for create/update/reroll). */
export function holdsPermission(granted: readonly string[], permission: string): boolean {
  return granted.some((g) => grants(g, permission));
}
