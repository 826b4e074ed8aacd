import type * as DeliverWebhook from '../../../emulators/github/deliver-webhook.js';
import type * as GitHubEmulator from '../../../emulators/github/github-emulator.js';
import type * as WebhookPayloads from '../../../emulators/github/webhook-payloads.js';
import type * as SlackEmulator from '../../../emulators/slack/slack-emulator.js';
import type * as UnkeyEmulator from '../../../emulators/unkey/unkey-emulator.js';
import { CliError } from '../errors.js';

/** The emulator modules the demo runs, loaded on demand. */
export interface EmulatorModules {
  readonly github: typeof GitHubEmulator;
  readonly payloads: typeof WebhookPayloads;
  readonly webhooks: typeof DeliverWebhook;
  readonly unkey: typeof UnkeyEmulator;
  readonly slack: typeof SlackEmulator;
}

/**
 * Loads the GitHub, Unkey and Slack emulators (dist/emulators/ in the build). They check every request
 * against the official API descriptions with ajv, a dev dependency: an install without dev
 * dependencies (`npm ci --omit=dev`, the Docker image) gets one line saying how to run the demo.
 */
export async function loadEmulators(): Promise<EmulatorModules> {
  try {
    const [github, payloads, webhooks, unkey, slack] = await Promise.all([
      import('../../../emulators/github/github-emulator.js'),
      import('../../../emulators/github/webhook-payloads.js'),
      import('../../../emulators/github/deliver-webhook.js'),
      import('../../../emulators/unkey/unkey-emulator.js'),
      import('../../../emulators/slack/slack-emulator.js'),
    ]);
    return { github, payloads, webhooks, unkey, slack };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND')
      throw new CliError(
        'cannot-start',
        'the demo runs the emulators, which need the dev dependencies: run it from a clone of rootguard after `npm ci` (not from an install with --omit=dev).',
      );
    throw error;
  }
}
