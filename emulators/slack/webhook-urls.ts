// Incoming-webhook URLs like Slack's: /services/<team>/B<9 upper-case>/<24 alphanumerics>, one
// channel each. The path is the credential, so every call makes a new, unguessable one.
import { randomInt } from 'node:crypto';

/** The emulated workspace's team id. */
export const TEAM_ID = 'T0EMUL8';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, n: number): string {
  return Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Webhook paths and the channel each posts to. */
export class WebhookUrls {
  readonly #channels = new Map<string, string>();

  /** Registers a new webhook for `channel`; returns its path. */
  register(channel: string): string {
    const path = `/services/${TEAM_ID}/B${randomString(UPPER, 9)}/${randomString(ALNUM, 24)}`;
    this.#channels.set(path, channel);
    return path;
  }

  /** The channel of a webhook path, or undefined for a path no one registered. */
  channelOf(path: string): string | undefined {
    return this.#channels.get(path);
  }
}
