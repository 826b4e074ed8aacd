import type { ConfigSecret } from '../../config/config-secret.js';
import type { OperatorConfig } from '../../config/operator-config.js';
import { describeLiveness } from '../../unkey/probe-liveness.js';
import type { UnkeyClient } from '../../unkey/unkey-client.js';
import type { RootKeyInfo } from '../../unkey/upcoming-client.js';
import { describeError, fail, pass, warn, type DoctorCheck } from './doctor-check.js';
import { holdsPermission, REROLL_AFFECTED_PERMISSION, STEP_PERMISSIONS } from './unkey-permissions.js';

const KEY_FIX =
  "set UNKEY_ROOT_KEY to rootguard's own root key as the Unkey dashboard shows it (Settings → Root Keys), and UNKEY_API_URL to its Unkey server";

/**
 * The responder key (`UNKEY_ROOT_KEY`): whether Unkey accepts it, which of the upcoming routes
 * the server has (without them the playbook takes the assisted path), and, where Unkey can tell
 * (the key can read itself with `rootKeys.listKeys`), the permissions each step needs versus
 * those it holds, and the permissions of each inventory key it would have to reroll.
 */
export async function checkUnkey(
  rootKey: ConfigSecret | undefined,
  unkey: UnkeyClient,
  operatorConfig: OperatorConfig,
): Promise<DoctorCheck[]> {
  if (rootKey === undefined)
    return [
      warn(
        'unkey: responder key',
        'UNKEY_ROOT_KEY is not set: every leak takes the assisted path (a human rotates the key, `rootguard deliver` hands the replacement over).',
        `${KEY_FIX}, for containment within seconds.`,
      ),
    ];
  const name = 'unkey: responder key';
  let liveness;
  try {
    liveness = await unkey.probeLiveness(rootKey);
  } catch (error) {
    return [
      fail(
        name,
        `Unkey at ${unkey.baseUrl} did not answer: ${describeError(error)}`,
        'check UNKEY_API_URL and that this host reaches it.',
      ),
    ];
  }
  if (liveness.state === 'dead' || liveness.state === 'disabled' || liveness.state === 'workspace-disabled') {
    const why = {
      dead: 'Unkey does not accept it (unknown, deleted or expired)',
      disabled: 'the key is disabled',
      'workspace-disabled': 'the workspace is disabled',
    }[liveness.state];
    return [fail(name, `${why}: ${describeLiveness(liveness)}.`, `${KEY_FIX}.`)];
  }
  if (liveness.state === 'unknown')
    return [
      warn(
        name,
        `Unkey's answer says neither yes nor no: ${describeLiveness(liveness)}.`,
        'run doctor again; if it stays, ask Unkey what the answer means.',
      ),
    ];
  const checks: DoctorCheck[] = [pass(name, `Unkey at ${unkey.baseUrl} accepts it.`)];

  let capabilities;
  try {
    capabilities = await unkey.capabilities();
  } catch (error) {
    checks.push(
      fail(
        'unkey: capabilities',
        `cannot tell which routes Unkey has: ${describeError(error)}`,
        'run doctor again once Unkey answers.',
      ),
    );
    return checks;
  }
  checks.push(
    capabilities.rootKeys
      ? pass(
          'unkey: root key API',
          'rootKeys.listKeys, rerollKey and deleteKey: the playbook contains a leak by itself.',
        )
      : warn(
          'unkey: root key API',
          'this Unkey has no rootKeys routes: every leak takes the assisted path (a human rotates the key).',
          'nothing to fix here; rootguard uses them as soon as Unkey ships them (checked every 10 minutes).',
        ),
    capabilities.auditLogs
      ? pass('unkey: audit log API', 'audit.getLogs: the audit step reads what the leaked key did.')
      : warn(
          'unkey: audit log API',
          'this Unkey has no audit.getLogs: the audit step asks a human to read the audit log.',
          'nothing to fix here; rootguard uses it as soon as Unkey ships it.',
        ),
  );
  if (!capabilities.rootKeys) return checks;
  checks.push(...(await checkPermissions(rootKey, unkey, operatorConfig)));
  return checks;
}

/** The permissions each step needs versus those the responder key holds, read from Unkey. */
async function checkPermissions(
  rootKey: ConfigSecret,
  unkey: UnkeyClient,
  operatorConfig: OperatorConfig,
): Promise<DoctorCheck[]> {
  let keys: RootKeyInfo[];
  try {
    keys = await unkey.listRootKeys();
  } catch (error) {
    return [
      fail(
        'unkey: permissions',
        `the responder key cannot list root keys (identify and confirm need it): ${describeError(error)}`,
        'give the responder key rootKeys.*.read in the Unkey dashboard.',
      ),
    ];
  }
  const plain = rootKey.reveal();
  // The list holds each key's first and last characters: enough to find the responder itself.
  const self = keys.filter((key) => plain.startsWith(key.start) && plain.endsWith(key.end));
  if (self.length !== 1)
    return [
      warn(
        'unkey: permissions',
        'Unkey does not list the responder key to itself, so its permissions cannot be compared with what each step needs.',
        'give the responder key rootKeys.*.read (read on every root key, itself included).',
      ),
    ];
  const held = self[0]!.permissions;
  const apiIds = operatorConfig.unkey.apis.map((api) => api.id);
  const checks: DoctorCheck[] = [];
  for (const { step, needs } of STEP_PERMISSIONS) {
    const wanted =
      step === 'flag' && operatorConfig.policy.rerollAffected
        ? [...needs, REROLL_AFFECTED_PERMISSION]
        : needs;
    const missing = wanted.filter((permission) => !holdsPermission(held, permission, apiIds));
    checks.push(
      missing.length === 0
        ? pass(`unkey: ${step} permissions`, `the responder key holds ${wanted.join(', ')}.`)
        : fail(
            `unkey: ${step} permissions`,
            `the responder key lacks ${missing.join(', ')}, which the ${step} step needs.`,
            `add ${missing.join(', ')} to the responder key (${self[0]!.keyId}) in the Unkey dashboard.`,
          ),
    );
  }
  // A reroll gives the replacement the leaked key's permissions: Unkey lets only a key holding them do it.
  for (const entry of operatorConfig.rootKeys) {
    const key = keys.find((each) => each.keyId === entry.keyId);
    if (!key) continue;
    const missing = key.permissions.filter((permission) => !holdsPermission(held, permission));
    if (missing.length > 0)
      checks.push(
        fail(
          `unkey: reroll "${entry.name}"`,
          `the responder key lacks ${missing.length} permission(s) of ${key.keyId} (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}), so Unkey would refuse to reroll it.`,
          `give the responder key every permission ${key.keyId} holds (or *).`,
        ),
      );
  }
  return checks;
}
