import { isLoopbackHost } from '../../config/env-config.js';

/** Where `rootguard serve` receives webhooks. */
export const WEBHOOK_PATH = '/api/github/webhooks';

/**
 * The webhook URL setup puts in the manifest, or the one sentence saying why `raw` cannot be it.
 * https only (deliveries carry repository contents; plain http only for a loopback host: an
 * emulator); a bare origin gets rootguard's path, a proxy channel (`https://smee.io/…`) is kept.
 */
export function normalizeWebhookUrl(raw: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return {
      problem: `The webhook URL must be a URL such as https://rootguard.example.com${WEBHOOK_PATH} or a smee.io channel.`,
    };
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) return { problem: 'The webhook URL must use https: GitHub posts repository contents to it.' };
  if (url.username !== '' || url.password !== '' || url.hash !== '')
    return { problem: 'The webhook URL must not hold credentials or a #fragment.' };
  if (url.pathname === '/') url.pathname = WEBHOOK_PATH;
  return { url: url.toString() };
}
