// The few Block Kit types rootguard sends (https://api.slack.com/reference/block-kit/blocks).

/** Text Slack formats (`mrkdwn`) or shows as is (`plain_text`). */
export type SlackText =
  | { readonly type: 'mrkdwn'; readonly text: string }
  | { readonly type: 'plain_text'; readonly text: string; readonly emoji?: boolean };

/** A link button: opens `url`, sends nothing back to rootguard. */
export interface SlackButton {
  readonly type: 'button';
  readonly text: { readonly type: 'plain_text'; readonly text: string };
  readonly url: string;
  readonly action_id?: string;
}

/** One Block Kit block. */
export type SlackBlock =
  | { readonly type: 'header'; readonly text: { readonly type: 'plain_text'; readonly text: string } }
  | { readonly type: 'section'; readonly text?: SlackText; readonly fields?: readonly SlackText[] }
  | { readonly type: 'context'; readonly elements: readonly SlackText[] }
  | { readonly type: 'divider' }
  | { readonly type: 'actions'; readonly elements: readonly SlackButton[] };

/** A message for an incoming webhook: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: SlackBlock[];
}

/** Block Kit's limits. */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3_000,
  fields: 10,
  fieldText: 2_000,
  buttonText: 75,
  contextElements: 10,
} as const;

/** Untrusted text for `mrkdwn`: `&`, `<` and `>` escaped, so it cannot open a link or a mention. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A `mrkdwn` link; `label` is already escaped. `|` and `>` in the URL are encoded. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C')}|${label}>`;
}
