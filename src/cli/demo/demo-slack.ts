/**
 * The Slack channel the demo's reports go to (an incoming webhook of the Slack emulator,
 * emulators/slack/), and what it received.
 */
export interface DemoSlack {
  readonly channel: string;
  /** The webhook's URL: a secret in production, so the operator config names an environment variable. */
  readonly webhookUrl: string;
  /** The environment variable that holds `webhookUrl` (`notify.slack[].webhookUrlEnv`). */
  readonly webhookUrlEnv: string;
  /** Each message received, oldest first: its plain-text fallback and its Block Kit payload. */
  messages(): readonly { readonly text: string; readonly payload: unknown }[];
}
