import { randomUUID } from 'node:crypto';
import type { GitHubEmulator } from '../../../emulators/github/github-emulator.js';
import type { SlackEmulator } from '../../../emulators/slack/slack-emulator.js';
import type { UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import type { DemoSlack } from './demo-slack.js';
import type { EmulatorModules } from './load-emulators.js';

/** The demo's GitHub organisation, repository, branches and secrets. */
export const DEMO = {
  installationId: 4242,
  owner: 'acme',
  repo: 'acme/payments-api',
  branch: 'feature/billing-webhooks',
  environment: 'production',
  secretName: 'UNKEY_ROOT_KEY',
  leakedKeyName: 'payments-api production',
  /** What the leaked key may do in Unkey: enough to create and change API keys. */
  leakedKeyPermissions: ['api.*.create_key', 'api.*.update_key', 'api.*.read_key', 'api.*.read_api'],
  slackChannel: 'security-alerts',
} as const;

/**
 * The emulated world before the leak: GitHub with the App installed on `acme` and a private
 * repository whose deploy secrets hold the root key; Unkey with rootguard's responder key, the
 * leaked root key and an API with customer keys; Slack with the security team's channel. Holds
 * the plaintext keys in memory only.
 */
export interface DemoWorld {
  readonly github: GitHubEmulator;
  readonly unkey: UnkeyEmulator;
  /** The security team's Slack channel. */
  readonly slack: DemoSlack;
  /** The secret webhook deliveries are signed with. */
  readonly webhookSecret: string;
  readonly responder: { readonly keyId: string; readonly key: string };
  readonly leaked: { readonly keyId: string; readonly key: string };
  readonly apiId: string;
  /** Customer API keys that existed before the leak (the audit must not flag these). */
  readonly customerKeyIds: readonly string[];
  close(): Promise<void>;
}

/** Options of {@link startDemoWorld}. */
export interface DemoWorldOptions {
  /** Unkey without the upcoming root key and audit endpoints (today's published API). */
  readonly assisted: boolean;
}

/** Starts and seeds the emulators; `close()` stops them (and removes GitHub's git repositories). */
export async function startDemoWorld(
  modules: EmulatorModules,
  options: DemoWorldOptions,
): Promise<DemoWorld> {
  const github = await modules.github.startGitHubEmulator();
  let unkey: UnkeyEmulator | undefined;
  let slack: SlackEmulator | undefined;
  try {
    github.addInstallation({ id: DEMO.installationId, account: { login: DEMO.owner } });
    await github.createRepository(DEMO.repo, { installationId: DEMO.installationId, private: true });
    await github.commit(
      DEMO.repo,
      'main',
      { 'README.md': '# payments-api\n', '.env.example': 'UNKEY_ROOT_KEY=\n' },
      { message: 'initial commit' },
    );
    github.addRepoSecret(DEMO.repo, DEMO.secretName);
    github.addEnvironment(DEMO.repo, DEMO.environment);
    github.addEnvironmentSecret(DEMO.repo, DEMO.environment, DEMO.secretName);

    unkey = await modules.unkey.startUnkeyEmulator({ upcoming: !options.assisted });
    const responder = unkey.addRootKey({ name: 'rootguard responder', permissions: ['*'] });
    const apiId = unkey.addApi({ name: 'payments' });
    const dayAgo = Date.now() - 86_400_000;
    const customerKeyIds = ['checkout-web', 'mobile-app'].map(
      (name) => unkey!.addApiKey(apiId, { name, meta: { plan: 'pro' }, createdAt: dayAgo }).keyId,
    );
    const leaked = unkey.addRootKey({
      name: DEMO.leakedKeyName,
      permissions: [...DEMO.leakedKeyPermissions],
      createdAt: dayAgo,
    });
    slack = await modules.slack.startSlackEmulator();
    const slackEmulator = slack;
    const started = unkey;
    return {
      github,
      unkey: started,
      slack: {
        channel: DEMO.slackChannel,
        webhookUrl: slackEmulator.webhookUrl(DEMO.slackChannel),
        webhookUrlEnv: 'SLACK_WEBHOOK_SECURITY',
        messages: () =>
          slackEmulator.messages(DEMO.slackChannel).map(({ text, payload }) => ({ text, payload })),
      },
      webhookSecret: `whsec-${randomUUID()}`,
      responder,
      leaked,
      apiId,
      customerKeyIds,
      async close() {
        await github.close().catch(() => undefined);
        await started.close().catch(() => undefined);
        await slackEmulator.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await github.close().catch(() => undefined);
    await unkey?.close().catch(() => undefined);
    await slack?.close().catch(() => undefined);
    throw error;
  }
}
