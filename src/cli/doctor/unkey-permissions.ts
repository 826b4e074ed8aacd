/**
 * The Unkey permissions each playbook step needs of the responder key (`UNKEY_ROOT_KEY`), as
 * `src/unkey/README.md` lists them per call. `{id}` is a root key's id: rerolling or deleting a
 * key needs the permission on `*` or on that key.
 */
export const STEP_PERMISSIONS: readonly { readonly step: string; readonly needs: readonly string[] }[] = [
  { step: 'identify', needs: ['rootKeys.*.read'] },
  { step: 'contain', needs: ['rootKeys.*.write', 'rootKeys.*.delete'] },
  { step: 'confirm', needs: ['rootKeys.*.read'] },
  { step: 'audit', needs: ['audit.*.read_audit_log', 'api.*.read_api', 'api.*.read_key'] },
  { step: 'flag', needs: ['api.*.read_key', 'api.*.update_key'] },
];

/** What `policy.rerollAffected` adds to the flag step. */
export const REROLL_AFFECTED_PERMISSION = 'api.*.create_key';

/** `rootKeys/*#read`: the resource part of Unkey's URN for a tuple `rootKeys.*.read`. */
function urnSuffix(tuple: string): string | undefined {
  const parts = tuple.split('.');
  return parts.length === 3 ? `${parts[0]}/${parts[1]}#${parts[2]}` : undefined;
}

/**
 * Whether `granted` (a key's permissions as `rootKeys.listKeys` returns them) satisfies `required`:
 * `*`, the same tuple, or Unkey's URN form (`unkey:v1:<workspace>:rootKeys/*#read`). With
 * `ids`, a tuple naming each of them instead of `*` (`api.<apiId>.read_key`) counts too.
 */
export function holdsPermission(
  granted: readonly string[],
  required: string,
  ids: readonly string[] = [],
): boolean {
  const one = (tuple: string) =>
    granted.some((g) => {
      if (g === '*' || g === tuple) return true;
      const suffix = urnSuffix(tuple);
      return suffix !== undefined && g.startsWith('unkey:v1:') && g.endsWith(`:${suffix}`);
    });
  if (one(required)) return true;
  const [resource, id, action] = required.split('.');
  return id === '*' && ids.length > 0 && ids.every((each) => one(`${resource}.${each}.${action}`));
}
