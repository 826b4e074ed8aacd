/**
 * A Slack webhook the demo's reports go to, and what it received. The Slack emulator
 * (emulators/slack/, `startSlackEmulator()`) provides one: `webhookUrl(channel)` and
 * `messages(channel)`. Until the demo starts one, the account says no Slack route is configured.
 */
export interface DemoSlack {
  readonly channel: string;
  readonly webhookUrl: string;
  /** The plain-text fallback of each message received, oldest first. */
  messages(): readonly string[];
}
