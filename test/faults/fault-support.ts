// Helpers shared by the fault tests (issue 12's table): what Unkey and GitHub were asked.
import type { Harness } from '../integration/harness.js';

/** Root keys named `name` that Unkey still accepts (not deleted, not expired). */
export function liveRootKeys(h: Harness, name: string) {
  const now = Date.now();
  return h.unkey
    .rootKeys()
    .filter((k) => k.name === name && !k.deleted && (k.expires === null || k.expires > now));
}

/** Unkey requests for one operation, oldest first. */
export function unkeyCalls(h: Harness, op: string) {
  return h.unkey.requests.filter((r) => r.op === op);
}

/** Secret PUTs GitHub answered 2xx for `repo`. */
export function secretPuts(h: Harness, repo: string) {
  return h.emulator.requests.filter(
    (r) => r.method === 'PUT' && r.path.startsWith(`/repos/${repo}/actions/secrets/`) && r.status < 300,
  );
}
