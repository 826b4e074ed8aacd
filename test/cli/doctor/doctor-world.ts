// The world `rootguard doctor` is tested against: the GitHub, Unkey and Slack emulators, an App
// installed on `acme` with one repository, a responder key, and the settings pointing at them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '../../../emulators/github/github-emulator.js';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack/slack-emulator.js';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { watchKeys, watchOutput } from '../../support/suite-canary.js';

export const INSTALLATION_ID = 41;
export const REPO = 'acme/payments-api';
/** Not a key shape: a webhook secret only needs to be a shared word. */
export const WEBHOOK_SECRET = 'doctor-test-webhook-secret';

/** The emulators, the responder key and the settings of one test. */
export interface DoctorWorld {
  readonly github: GitHubEmulator;
  readonly unkey: UnkeyEmulator;
  readonly slack: SlackEmulator;
  readonly responder: { readonly keyId: string; readonly key: string };
  /** An inventory key the responder would reroll. */
  readonly inventoryKey: { readonly keyId: string; readonly key: string };
  /** Settings as `serve` reads them; tests change them. */
  readonly env: Record<string, string>;
  /** Every secret the world holds: none may appear in doctor's output. */
  readonly secrets: readonly string[];
  /** Writes the operator config and points ROOTGUARD_CONFIG at it. */
  writeOperatorConfig(text: string): void;
  close(): Promise<void>;
}

/** Options of {@link startDoctorWorld}. */
export interface DoctorWorldOptions {
  readonly redisUrl: string;
  /** The responder key's permissions. @defaultValue ['*'] */
  readonly responderPermissions?: readonly string[];
}

/** Starts the world; the App's webhook is set (URL and secret), as after `rootguard setup`. */
export async function startDoctorWorld(options: DoctorWorldOptions): Promise<DoctorWorld> {
  const github = await startGitHubEmulator();
  const unkey = await startUnkeyEmulator();
  const slack = await startSlackEmulator();
  github.addInstallation({ id: INSTALLATION_ID, account: { login: 'acme' } });
  await github.createRepository(REPO, { installationId: INSTALLATION_ID, private: true });
  github.setAppSettings({
    webhookUrl: 'https://rootguard.acme.test/api/github/webhooks',
    webhookSecretSet: true,
  });
  const responder = unkey.addRootKey({
    name: 'rootguard responder',
    permissions: [...(options.responderPermissions ?? ['*'])],
  });
  const inventoryKey = unkey.addRootKey({
    name: 'payments-api production',
    permissions: ['api.*.create_key'],
  });
  watchKeys(responder.key, inventoryKey.key);
  const dir = mkdtempSync(join(tmpdir(), 'rootguard-doctor-'));
  const slackUrl = slack.webhookUrl('security-alerts');
  const env: Record<string, string> = {
    APP_ID: String(github.appId),
    PRIVATE_KEY: github.privateKeyPem,
    WEBHOOK_SECRET,
    GITHUB_API_URL: github.url,
    ROOTGUARD_REDIS_URL: options.redisUrl,
    UNKEY_API_URL: unkey.url,
    UNKEY_ROOT_KEY: responder.key,
    SLACK_WEBHOOK_SECURITY: slackUrl,
  };
  return {
    github,
    unkey,
    slack,
    responder,
    inventoryKey,
    env,
    secrets: [responder.key, inventoryKey.key, WEBHOOK_SECRET, slackUrl],
    writeOperatorConfig(text) {
      const path = join(dir, 'rootguard.yml');
      writeFileSync(path, text);
      env['ROOTGUARD_CONFIG'] = path;
    },
    async close() {
      await Promise.all([github.close(), unkey.close(), slack.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An operator config with the inventory key, two deploy targets and a Slack route. */
export function operatorConfigFor(world: Pick<DoctorWorld, 'inventoryKey'>, extra = ''): string {
  return [
    'rootKeys:',
    '  - name: payments-api production',
    `    keyId: ${world.inventoryKey.keyId}`,
    '    deploy:',
    `      - { repo: ${REPO}, secret: UNKEY_ROOT_KEY }`,
    `      - { repo: ${REPO}, environment: production, secret: UNKEY_ROOT_KEY }`,
    'notify:',
    '  slack:',
    '    - { match: acme, webhookUrlEnv: SLACK_WEBHOOK_SECURITY }',
    extra,
  ].join('\n');
}

/** Registers doctor's output with the suite canary (the file's keys must not appear in it). */
export function watchDoctorOutput(label: string, text: string): void {
  watchOutput(label, () => [[label, text]]);
}
