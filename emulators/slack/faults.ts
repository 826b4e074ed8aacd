// Fault injection for incoming webhooks: the next matching posts get Slack's error answers.

/** What a fault answers: 404 `no_service`, 410 `channel_is_archived`, 429 `rate_limited`, 500 `rollup_error`. */
export type SlackFaultKind = 'not-found' | 'gone' | 'rate-limited' | 'server-error';

/** A rule added with `emulator.fault`. */
export interface SlackFaultRule {
  /** Only posts to this channel's webhooks. @defaultValue every channel */
  channel?: string;
  kind: SlackFaultKind;
  /** How many matching posts it hits. @defaultValue 1 */
  times?: number;
  /** The `Retry-After` of a `rate-limited` answer, in seconds. @defaultValue 30 */
  retryAfterSeconds?: number;
}

/** The active fault rules, taken in the order they were added. */
export class SlackFaults {
  readonly #rules: { rule: SlackFaultRule; left: number }[] = [];

  add(rule: SlackFaultRule): void {
    this.#rules.push({ rule, left: rule.times ?? 1 });
  }

  /** Takes (and counts) the first rule that matches a post to `channel`. */
  take(channel: string): SlackFaultRule | undefined {
    const entry = this.#rules.find(
      (e) => e.left > 0 && (e.rule.channel === undefined || e.rule.channel === channel),
    );
    if (!entry) return undefined;
    entry.left--;
    return entry.rule;
  }
}
