import type { Probot } from 'probot';
import { resolveBotLogin } from '../../app/create-probot.js';
import type { EnvConfig } from '../../config/env-config.js';

/**
 * The App's bot login (`<slug>[bot]`), so that its own pushes are not scanned: from the configured
 * slug (`ROOTGUARD_APP_SLUG`) when set, with no request; else asked of GitHub (`GET /app`), undefined
 * when GitHub cannot say.
 */
export async function botLoginFor(
  config: Pick<EnvConfig, 'appSlug'>,
  probot: Probot,
): Promise<string | undefined> {
  return config.appSlug !== undefined ? `${config.appSlug}[bot]` : await resolveBotLogin(probot);
}
